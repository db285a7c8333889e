package io.edvt.forkchoice.votes;

import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The key ids of each group's key set as last named, kept across target states: a node's target
 * state changes every epoch, but a group's record is the same object in every state that shares it
 * (SSZ containers are the tree's nodes, shared between a state and the states derived from it), so
 * a key set is named once, not once per epoch.
 *
 * <p>A name is reused only for the same {@link Group} object and an epoch at which the same key
 * set is in force (no other key set activates in between). The same group object means a common
 * origin, in which the group's validator already existed with the public key it keeps for good, so
 * whether a member is the validator's own key cannot differ either.
 */
final class KnownKeySets {
  /** The code of a member that is the validator's own key: its vote goes to the Fulu tracker. */
  static final int OWN_KEY = -2;

  /** No key set in force: no index names a key. */
  static final Resolved NO_KEYS = new Resolved(new int[0], new Bytes48[0]);

  /** The signers of a key set: per member, a key id or {@link #OWN_KEY}, and the member's key. */
  record Resolved(int[] codes, Bytes48[] keys) {}

  // the group object named, the epochs [from, until) over which its key set in force stays the
  // same (unsigned), and the names
  private record Named(Group group, long from, long until, Resolved resolved) {}

  private final ToIntFunction<Bytes48> keyIds;
  private final Map<Integer, Named> byValidator = new HashMap<>();

  /** Names keys with {@code keyIds} (the vote layer's key ids). */
  KnownKeySets(ToIntFunction<Bytes48> keyIds) {
    this.keyIds = keyIds;
  }

  /**
   * The signers of the key set in force at {@code epoch} of validator {@code v}'s {@code group}
   * ({@code get_group_key_set}), or {@link #NO_KEYS}; {@code ownKey} gives the validator's public
   * key when the set has to be named afresh.
   */
  Resolved resolve(int v, Group group, long epoch, Supplier<Bytes48> ownKey) {
    Named named = byValidator.get(v);
    if (named != null && named.group() == group
        && Long.compareUnsigned(named.from(), epoch) <= 0 && Long.compareUnsigned(epoch, named.until()) < 0) {
      return named.resolved();
    }
    // get_group_key_set: the last key set (in list order) activated at or before the epoch. The
    // answer changes only at another key set's activation epoch, which bounds the window.
    GroupKeySet inForce = null;
    long from = 0;
    long until = -1L; // unsigned maximum
    for (GroupKeySet keySet : group.keySets()) {
      long activation = keySet.activationEpoch().longValue();
      if (Long.compareUnsigned(activation, epoch) <= 0) {
        inForce = keySet;
        from = Long.compareUnsigned(activation, from) > 0 ? activation : from;
      } else if (Long.compareUnsigned(activation, until) < 0) {
        until = activation;
      }
    }
    Resolved resolved = inForce == null ? NO_KEYS : name(inForce, ownKey.get());
    byValidator.put(v, new Named(group, from, until, resolved));
    return resolved;
  }

  private Resolved name(GroupKeySet keySet, Bytes48 own) {
    var pubkeys = keySet.pubkeys();
    int n = pubkeys.size();
    int[] codes = new int[n];
    Bytes48[] keys = new Bytes48[n];
    for (int j = 0; j < n; j++) {
      keys[j] = pubkeys.get(j);
      codes[j] = keys[j].equals(own) ? OWN_KEY : keyIds.applyAsInt(keys[j]);
    }
    return new Resolved(codes, keys);
  }
}
