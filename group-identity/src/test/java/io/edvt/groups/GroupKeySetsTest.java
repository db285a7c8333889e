package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key set generations under rotation, for both schemes' keys. Minimal-preset timing: periods of 8
 * epochs, retired keys slashable for 16 epochs.
 */
class GroupKeySetsTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(6);
  private static final KeyRotationTiming TIMING = new KeyRotationTiming(8, 16);

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static UInt64 epoch(long e) {
    return UInt64.valueOf(e);
  }

  /** Keys 0..2, threshold 2, registered at epoch 3. */
  private static <K> GroupKeySets<K> registered(SchemeFixture<K, ?> f) {
    return GroupKeySets.of(f.keySet(2, 3, 3), TIMING);
  }

  /** Member 0's key replaced by key 3, accepted at epoch 5, so in force from epoch 16. */
  private static <K> GroupKeySets<K> rotated(SchemeFixture<K, ?> f) {
    return registered(f).scheduleChange(2, List.of(f.key(3), f.key(1), f.key(2)), epoch(5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void validatesItsInvariants(SchemeFixture<K, S> f) {
    assertThatThrownBy(() -> new GroupKeySet<>(0, f.keys(3), epoch(0))).hasMessageContaining("threshold");
    assertThatThrownBy(() -> new GroupKeySet<>(4, f.keys(3), epoch(0))).hasMessageContaining("threshold");
    assertThatThrownBy(() -> new GroupKeySet<>(1, List.of(f.key(0), f.key(1), f.key(0)), epoch(0)))
        .hasMessageContaining("member 2 repeats");
    assertThatThrownBy(() -> new GroupKeySet<>(1, List.of(), epoch(0))).hasMessageContaining("1 to 16 keys");
    GroupKeySet<K> set = f.keySet(2, 3, 0);
    assertThat(set.memberIndexOf(f.key(2))).hasValue(2);
    assertThat(set.memberIndexOf(f.key(5))).isEmpty();
    assertThat(set.keysOf(SignerSet.of(0, 2))).containsExactly(f.key(0), f.key(2));
    assertThatThrownBy(() -> set.keysOf(SignerSet.of(3))).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aChangeTakesEffectAtTheFirstEpochOfThePeriodAfterNext(SchemeFixture<K, S> f) {
    assertThat(TIMING.activationEpochForChangeAt(epoch(0))).isEqualTo(epoch(16));
    assertThat(TIMING.activationEpochForChangeAt(epoch(7))).isEqualTo(epoch(16));
    assertThat(TIMING.activationEpochForChangeAt(epoch(8))).isEqualTo(epoch(24));
    assertThat(TIMING.activationEpochForChangeAt(epoch(13))).isEqualTo(epoch(24));
    GroupKeySets<K> sets = rotated(f);
    assertThat(sets.pending(epoch(5)).orElseThrow().activationEpoch()).isEqualTo(epoch(16));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void theKeySetInForceFollowsTheEpoch(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = rotated(f);
    assertThat(sets.keySetAt(epoch(2))).isEmpty();
    assertThat(sets.current(epoch(3)).keys()).containsExactly(f.key(0), f.key(1), f.key(2));
    assertThat(sets.current(epoch(15)).keys()).containsExactly(f.key(0), f.key(1), f.key(2));
    assertThat(sets.pending(epoch(15))).isPresent();
    assertThat(sets.retired(epoch(15))).isEmpty();

    assertThat(sets.current(epoch(16)).keys()).containsExactly(f.key(3), f.key(1), f.key(2));
    assertThat(sets.pending(epoch(16))).isEmpty();
    RetiredKeySet<K> previous = sets.previous(epoch(16)).orElseThrow();
    assertThat(previous.retiredAt()).isEqualTo(epoch(16));
    assertThat(previous.keySet().key(0)).isEqualTo(f.key(0));
    assertThatThrownBy(() -> sets.current(epoch(1))).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void allowsAtMostOnePendingChange(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = rotated(f);
    assertThatThrownBy(() -> sets.scheduleChange(3, f.keys(3), epoch(15)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already pending");
    GroupKeySets<K> again = sets.scheduleChange(3, List.of(f.key(3), f.key(1), f.key(2)), epoch(16));
    assertThat(again.generations()).hasSize(3);
    assertThat(again.pending(epoch(16)).orElseThrow().activationEpoch()).isEqualTo(epoch(32));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aRetiredKeyIsSlashableWithinTheWindowAndNotAfter(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = rotated(f);
    K retired = f.key(0);
    K kept = f.key(1);
    K incoming = f.key(3);
    assertThat(sets.isSlashableKey(retired, epoch(15))).isTrue();
    assertThat(sets.isSlashableKey(incoming, epoch(15))).as("pending keys are not in force").isFalse();
    assertThat(sets.isSlashableKey(retired, epoch(16))).isTrue();
    assertThat(sets.isSlashableKey(retired, epoch(31))).isTrue();
    assertThat(sets.isSlashableKey(retired, epoch(32))).isFalse();
    assertThat(sets.isSlashableKey(kept, epoch(1000))).isTrue();
    assertThat(sets.isSlashableKey(incoming, epoch(16))).isTrue();
    assertThat(sets.isSlashableKey(f.key(5), epoch(16))).isFalse();
    assertThat(sets.isSlashableKey(kept, epoch(2))).as("before registration").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void resolvesEvidenceAgainstTheKeySetOfTheMessageEpochWhileItIsInTheWindow(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = rotated(f);
    assertThat(sets.slashableKeySetAt(epoch(10), epoch(20)).orElseThrow().key(0)).isEqualTo(f.key(0));
    assertThat(sets.slashableKeySetAt(epoch(10), epoch(31))).isPresent();
    assertThat(sets.slashableKeySetAt(epoch(10), epoch(32))).isEmpty();
    assertThat(sets.slashableKeySetAt(epoch(20), epoch(500)).orElseThrow().key(0)).isEqualTo(f.key(3));
    assertThat(sets.slashableKeySetAt(epoch(1), epoch(5))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void pruningDropsSetsRetiredLongerThanTheWindowAndKeepsCurrentAndPending(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = rotated(f);
    assertThat(sets.pruned(epoch(15))).isSameAs(sets);
    assertThat(sets.pruned(epoch(31)).generations()).hasSize(2);
    GroupKeySets<K> pruned = sets.pruned(epoch(32));
    assertThat(pruned.generations()).hasSize(1);
    assertThat(pruned.current(epoch(32)).key(0)).isEqualTo(f.key(3));
    assertThat(pruned.retainedKeys()).containsExactly(f.key(3), f.key(1), f.key(2));
    assertThat(pruned.isSlashableKey(f.key(0), epoch(32))).isFalse();
    assertThat(pruned.keySetAt(epoch(10))).isEmpty();

    GroupKeySets<K> withPending = pruned.scheduleChange(2, List.of(f.key(3), f.key(4), f.key(2)), epoch(40));
    assertThat(withPending.pruned(epoch(1000)).generations()).hasSize(1);
    assertThat(withPending.pruned(epoch(41)).generations()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void retainsEveryKeyOfEveryKeptGeneration(SchemeFixture<K, S> f) {
    assertThat(rotated(f).retainedKeys()).containsExactly(f.key(0), f.key(1), f.key(2), f.key(3));
    assertThatThrownBy(
            () -> GroupKeySets.fromGenerations(List.of(f.keySet(1, 2, 5), f.keySet(1, 2, 5)), TIMING))
        .hasMessageContaining("strictly increasing");
  }
}
