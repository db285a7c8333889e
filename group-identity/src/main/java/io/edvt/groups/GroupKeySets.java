package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stored key sets of one group, {@code Group.key_sets}: ordered by strictly increasing
 * activation epoch, at most {@link #GROUP_KEY_SETS_LIMIT}. The key set in force at an epoch is the
 * last one whose activation epoch is not after it; the ones before it are retired, one after it is
 * pending. At registration the first stored key set is the validator's own key ({@link
 * GroupKeySet#plain}), so the own key is retired and pruned by the same rules as member keys.
 *
 * <p>What is stored decides what can be verified: a message dated in a key set that {@link
 * #pruned pruning} removed resolves to no key set ({@link #keySetAt} is empty), so it can be
 * neither verified nor used as slashing evidence. Immutable.
 */
public final class GroupKeySets<K> {
  /** {@code GROUP_KEY_SETS_LIMIT}: retired, in force, pending. */
  public static final int GROUP_KEY_SETS_LIMIT = 3;

  private final List<GroupKeySet<K>> keySets;

  private GroupKeySets(List<GroupKeySet<K>> keySets) {
    this.keySets = List.copyOf(keySets);
    if (this.keySets.isEmpty() || this.keySets.size() > GROUP_KEY_SETS_LIMIT) {
      throw new IllegalArgumentException(
          "a group stores 1 to " + GROUP_KEY_SETS_LIMIT + " key sets, got " + this.keySets.size());
    }
    for (int i = 1; i < this.keySets.size(); i++) {
      if (!this.keySets.get(i).activationEpoch().isGreaterThan(this.keySets.get(i - 1).activationEpoch())) {
        throw new IllegalArgumentException("key sets must activate in strictly increasing epochs");
      }
    }
  }

  /**
   * The key sets as stored in {@code Group.key_sets}, oldest first.
   *
   * @throws IllegalArgumentException unless 1 to {@link #GROUP_KEY_SETS_LIMIT} key sets with
   *     strictly increasing activation epochs
   */
  public static <K> GroupKeySets<K> fromStored(List<GroupKeySet<K>> keySets) {
    return new GroupKeySets<>(keySets);
  }

  /**
   * The key sets {@code add_group_to_registry} stores: the validator's own key ({@code
   * compute_plain_key_set}) followed by the registered key set.
   */
  public static <K> GroupKeySets<K> registered(K ownPubkey, GroupKeySet<K> keySet) {
    return new GroupKeySets<>(List.of(GroupKeySet.plain(ownPubkey), keySet));
  }

  /**
   * {@code get_validator_key_set(state, validator_index, epoch)} given what the state holds: the
   * group's key set in force at {@code epoch} (empty if it was pruned), or the plain key set of
   * {@code ownPubkey} for a validator without a group.
   */
  public static <K> Optional<GroupKeySet<K>> validatorKeySet(
      Optional<GroupKeySets<K>> group, K ownPubkey, UInt64 epoch) {
    return group.isEmpty() ? Optional.of(GroupKeySet.plain(ownPubkey)) : group.get().keySetAt(epoch);
  }

  /** Every stored key set, oldest first. */
  public List<GroupKeySet<K>> keySets() {
    return keySets;
  }

  /** {@code len(group.key_sets)}. */
  public int size() {
    return keySets.size();
  }

  /** The newest stored key set (pending, or else the one in force). */
  public GroupKeySet<K> last() {
    return keySets.get(keySets.size() - 1);
  }

  /**
   * {@code get_group_key_set(group, epoch)}: the last stored key set activated at or before {@code
   * epoch}; empty if the key set that covered {@code epoch} has been pruned.
   */
  public Optional<GroupKeySet<K>> keySetAt(UInt64 epoch) {
    GroupKeySet<K> result = null;
    for (GroupKeySet<K> keySet : keySets) {
      if (keySet.activationEpoch().isLessThanOrEqualTo(epoch)) {
        result = keySet;
      }
    }
    return Optional.ofNullable(result);
  }

  /**
   * The key set in force at {@code epoch}.
   *
   * @throws IllegalStateException if none is stored (see {@link #keySetAt})
   */
  public GroupKeySet<K> current(UInt64 epoch) {
    return keySetAt(epoch)
        .orElseThrow(() -> new IllegalStateException("no stored key set of this group covers epoch " + epoch));
  }

  /** The key set that activates after {@code epoch}, if one is pending (there is at most one). */
  public Optional<GroupKeySet<K>> pending(UInt64 epoch) {
    return last().activationEpoch().isGreaterThan(epoch) ? Optional.of(last()) : Optional.empty();
  }

  /**
   * With {@code keySet} appended, as {@code process_group_key_change} appends a pending key set.
   * The rules (no pending set, room for one) are {@link KeyChangeValidator}'s; this only keeps the
   * stored form valid.
   *
   * @throws IllegalArgumentException if the limit would be exceeded or {@code keySet} does not
   *     activate after the newest stored key set
   */
  public GroupKeySets<K> withAppended(GroupKeySet<K> keySet) {
    List<GroupKeySet<K>> out = new ArrayList<>(keySets);
    out.add(keySet);
    return new GroupKeySets<>(out);
  }

  /**
   * {@code process_group_key_set_pruning} for this group, run in the epoch processing of {@code
   * currentEpoch}:
   *
   * <pre>
   * next_epoch = Epoch(get_current_epoch(state) + 1)
   * while (
   *     len(group.key_sets) > 1
   *     and group.key_sets[1].activation_epoch + MIN_VALIDATOR_WITHDRAWABILITY_DELAY &lt;= next_epoch
   * ):
   *     group.key_sets = group.key_sets[1:]
   * </pre>
   *
   * A key set retired at {@code R} is thus stored in every epoch {@code e < R + delay} and gone
   * from epoch {@code R + delay} on. The key set in force and a pending one are never removed.
   */
  public GroupKeySets<K> pruned(UInt64 currentEpoch, KeyRotationTiming timing) {
    UInt64 nextEpoch = currentEpoch.plus(1);
    int first = 0;
    while (keySets.size() - first > 1
        && keySets.get(first + 1).activationEpoch().plus(timing.minValidatorWithdrawabilityDelay())
            .isLessThanOrEqualTo(nextEpoch)) {
      first++;
    }
    return first == 0 ? this : new GroupKeySets<>(keySets.subList(first, keySets.size()));
  }

  /** Whether {@code key} is in any stored key set (this group's part of {@code is_group_pubkey}). */
  public boolean containsKey(K key) {
    for (GroupKeySet<K> keySet : keySets) {
      if (keySet.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** Every key of every stored key set (retired, in force and pending), without repeats, oldest first. */
  public Set<K> storedKeys() {
    Set<K> out = new LinkedHashSet<>();
    for (GroupKeySet<K> keySet : keySets) {
      out.addAll(keySet.keys());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKeySets<?> other && keySets.equals(other.keySets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keySets);
  }

  @Override
  public String toString() {
    return "GroupKeySets" + keySets;
  }
}
