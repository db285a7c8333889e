package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A group's key sets over time: the generations still retained, oldest first, each in force from
 * its activation epoch until the next one's. Relative to an epoch {@code e} they are the
 * <em>retired</em> generations (superseded at or before {@code e}; the most recent is the
 * <em>previous</em> one), the <em>current</em> one (in force at {@code e}) and at most one
 * <em>pending</em> one (activating after {@code e}).
 *
 * <p>Nothing needs to be "applied" at an epoch boundary: which set is in force follows from the
 * epoch alone. {@link #pruned} drops generations whose retirement is older than the window, which
 * is when their keys stop being slashable. Immutable.
 */
public final class GroupKeySets<K> {
  private final List<GroupKeySet<K>> generations;
  private final KeyRotationTiming timing;

  private GroupKeySets(List<GroupKeySet<K>> generations, KeyRotationTiming timing) {
    this.generations = List.copyOf(generations);
    this.timing = Objects.requireNonNull(timing);
    for (int i = 1; i < this.generations.size(); i++) {
      if (!this.generations.get(i).activationEpoch().isGreaterThan(this.generations.get(i - 1).activationEpoch())) {
        throw new IllegalArgumentException("key set generations must activate in strictly increasing epochs");
      }
    }
    if (this.generations.isEmpty()) {
      throw new IllegalArgumentException("a group has at least one key set");
    }
  }

  /** A group with its registration key set only. */
  public static <K> GroupKeySets<K> of(GroupKeySet<K> initial, KeyRotationTiming timing) {
    return new GroupKeySets<>(List.of(initial), timing);
  }

  /**
   * Generations as stored (for example restored from state), oldest first.
   *
   * @throws IllegalArgumentException if empty or activation epochs do not strictly increase
   */
  public static <K> GroupKeySets<K> fromGenerations(List<GroupKeySet<K>> generations, KeyRotationTiming timing) {
    return new GroupKeySets<>(generations, timing);
  }

  public KeyRotationTiming timing() {
    return timing;
  }

  /** Every retained generation, oldest first. */
  public List<GroupKeySet<K>> generations() {
    return generations;
  }

  /**
   * The key set in force at {@code epoch}: the latest generation activated at or before it. Empty
   * if {@code epoch} is before the oldest retained generation (not yet registered, or pruned).
   */
  public Optional<GroupKeySet<K>> keySetAt(UInt64 epoch) {
    int index = indexAt(epoch);
    return index < 0 ? Optional.empty() : Optional.of(generations.get(index));
  }

  /**
   * The key set in force at {@code epoch}.
   *
   * @throws IllegalStateException if none is (see {@link #keySetAt})
   */
  public GroupKeySet<K> current(UInt64 epoch) {
    return keySetAt(epoch)
        .orElseThrow(() -> new IllegalStateException("no key set of this group is in force at epoch " + epoch));
  }

  /** The generation that activates after {@code epoch}, if a change is scheduled. */
  public Optional<GroupKeySet<K>> pending(UInt64 epoch) {
    GroupKeySet<K> last = generations.get(generations.size() - 1);
    return last.activationEpoch().isGreaterThan(epoch) ? Optional.of(last) : Optional.empty();
  }

  /** Generations superseded at or before {@code epoch} and still retained, oldest first. */
  public List<RetiredKeySet<K>> retired(UInt64 epoch) {
    List<RetiredKeySet<K>> out = new ArrayList<>();
    for (int i = 0; i + 1 < generations.size(); i++) {
      UInt64 retiredAt = generations.get(i + 1).activationEpoch();
      if (retiredAt.isLessThanOrEqualTo(epoch)) {
        out.add(new RetiredKeySet<>(generations.get(i), retiredAt));
      }
    }
    return out;
  }

  /** The most recently retired generation at {@code epoch}, if one is retained. */
  public Optional<RetiredKeySet<K>> previous(UInt64 epoch) {
    List<RetiredKeySet<K>> retired = retired(epoch);
    return retired.isEmpty() ? Optional.empty() : Optional.of(retired.get(retired.size() - 1));
  }

  /**
   * Schedules the key set {@code (threshold, keys)} to take effect at {@link
   * KeyRotationTiming#activationEpochForChangeAt(UInt64) the first epoch of the sync-committee
   * period after next}.
   *
   * @throws IllegalStateException if a change is already pending at {@code currentEpoch}
   * @throws IllegalArgumentException if {@code (threshold, keys)} is not a valid key set
   */
  public GroupKeySets<K> scheduleChange(int threshold, List<K> keys, UInt64 currentEpoch) {
    if (pending(currentEpoch).isPresent()) {
      throw new IllegalStateException(
          "a key change is already pending (activation epoch "
              + pending(currentEpoch).get().activationEpoch()
              + ")");
    }
    GroupKeySet<K> next = new GroupKeySet<>(threshold, keys, timing.activationEpochForChangeAt(currentEpoch));
    List<GroupKeySet<K>> out = new ArrayList<>(generations);
    out.add(next);
    return new GroupKeySets<>(out, timing);
  }

  /**
   * Without the generations retired more than the window ago: a generation retired at {@code R}
   * is dropped once {@code currentEpoch >= R + retiredKeyWindowEpochs}. The current and pending
   * generations are always kept.
   */
  public GroupKeySets<K> pruned(UInt64 currentEpoch) {
    int first = 0;
    while (first + 1 < generations.size()) {
      UInt64 retiredAt = generations.get(first + 1).activationEpoch();
      if (retiredAt.isGreaterThan(currentEpoch) || timing.isWithinRetiredWindow(retiredAt, currentEpoch)) {
        break;
      }
      first++;
    }
    return first == 0 ? this : new GroupKeySets<>(generations.subList(first, generations.size()), timing);
  }

  /**
   * Whether signatures by {@code key} can still get this group slashed in {@code epoch}: the key
   * belongs to the key set in force, or to a retained generation retired less than the window
   * before {@code epoch}. Keys of a pending set are not (yet) slashable.
   */
  public boolean isSlashableKey(K key, UInt64 epoch) {
    int current = indexAt(epoch);
    for (int i = 0; i <= current; i++) {
      GroupKeySet<K> set = generations.get(i);
      if (!set.contains(key)) {
        continue;
      }
      if (i == current || timing.isWithinRetiredWindow(generations.get(i + 1).activationEpoch(), epoch)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The key set in force at {@code messageEpoch}, provided its signatures are still slashable in
   * {@code currentEpoch}: it is not retired at {@code currentEpoch}, or it was retired less than
   * the window before. Slashing evidence is resolved with this.
   */
  public Optional<GroupKeySet<K>> slashableKeySetAt(UInt64 messageEpoch, UInt64 currentEpoch) {
    int index = indexAt(messageEpoch);
    if (index < 0) {
      return Optional.empty();
    }
    if (index + 1 < generations.size()) {
      UInt64 retiredAt = generations.get(index + 1).activationEpoch();
      if (retiredAt.isLessThanOrEqualTo(currentEpoch) && !timing.isWithinRetiredWindow(retiredAt, currentEpoch)) {
        return Optional.empty();
      }
    }
    return Optional.of(generations.get(index));
  }

  /** Every key of every retained generation (retired, current and pending), without repeats. */
  public Set<K> retainedKeys() {
    Set<K> out = new LinkedHashSet<>();
    for (GroupKeySet<K> set : generations) {
      out.addAll(set.keys());
    }
    return out;
  }

  private int indexAt(UInt64 epoch) {
    for (int i = generations.size() - 1; i >= 0; i--) {
      if (generations.get(i).activationEpoch().isLessThanOrEqualTo(epoch)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKeySets<?> other && generations.equals(other.generations) && timing.equals(other.timing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generations, timing);
  }

  @Override
  public String toString() {
    return "GroupKeySets" + generations;
  }
}
