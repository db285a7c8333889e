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
 * <p>A name is reused only for the same {@link Group} object and the same {@link GroupKeySet}
 * object in force. The same group object means a common origin, in which the group's validator
 * already existed with the public key it keeps for good, so whether a member is the validator's own
 * key cannot differ either.
 */
final class KnownKeySets {
  /** The code of a member that is the validator's own key: its vote goes to the Fulu tracker. */
  static final int OWN_KEY = -2;

  /** No key set in force: no index names a key. */
  static final Resolved NO_KEYS = new Resolved(new int[0], new Bytes48[0]);

  /** The signers of a key set: per member, a key id or {@link #OWN_KEY}, and the member's key. */
  record Resolved(int[] codes, Bytes48[] keys) {}

  private record Named(Group group, GroupKeySet keySet, Resolved resolved) {}

  private final ToIntFunction<Bytes48> keyIds;
  private final Map<Integer, Named> byValidator = new HashMap<>();

  /** Names keys with {@code keyIds} (the vote layer's key ids). */
  KnownKeySets(ToIntFunction<Bytes48> keyIds) {
    this.keyIds = keyIds;
  }

  /**
   * The signers of {@code keySet}, the key set in force of validator {@code v}'s {@code group};
   * {@code ownKey} gives the validator's public key when the set has to be named afresh.
   */
  Resolved resolve(int v, Group group, GroupKeySet keySet, Supplier<Bytes48> ownKey) {
    Named named = byValidator.get(v);
    if (named != null && named.group() == group && named.keySet() == keySet) {
      return named.resolved();
    }
    Bytes48 own = ownKey.get();
    var pubkeys = keySet.pubkeys();
    int n = pubkeys.size();
    int[] codes = new int[n];
    Bytes48[] keys = new Bytes48[n];
    for (int j = 0; j < n; j++) {
      keys[j] = pubkeys.get(j);
      codes[j] = keys[j].equals(own) ? OWN_KEY : keyIds.applyAsInt(keys[j]);
    }
    Resolved resolved = new Resolved(codes, keys);
    byValidator.put(v, new Named(group, keySet, resolved));
    return resolved;
  }
}
