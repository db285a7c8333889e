package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored key sets ({@code Group.key_sets}) for both schemes' keys: {@code get_group_key_set},
 * {@code compute_key_set_activation_epoch}, {@code add_group_to_registry}'s own-key entry and
 * {@code process_group_key_set_pruning}. Periods of 8 epochs, {@code
 * MIN_VALIDATOR_WITHDRAWABILITY_DELAY} of 16. Key 5 is the validator's own key.
 */
class GroupKeySetsTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(7);
  private static final KeyRotationTiming TIMING = new KeyRotationTiming(8, 16);
  private static final int OWN = 5;

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static UInt64 epoch(long e) {
    return UInt64.valueOf(e);
  }

  /** Registered in epoch 5: own key, then keys 0..2 with threshold 2 from epoch 16. */
  private static <K> GroupKeySets<K> registered(SchemeFixture<K, ?> f) {
    return GroupKeySets.registered(f.key(OWN), new GroupKeySet<>(2, f.keys(3), TIMING.keySetActivationEpoch(epoch(5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void validatesKeySetInvariants(SchemeFixture<K, S> f) {
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
  <K, S> void aPlainKeySetIsTheOwnKeyWithThresholdOneFromGenesis(SchemeFixture<K, S> f) {
    GroupKeySet<K> plain = GroupKeySet.plain(f.key(OWN));
    assertThat(plain.threshold()).isEqualTo(1);
    assertThat(plain.keys()).containsExactly(f.key(OWN));
    assertThat(plain.activationEpoch()).isEqualTo(UInt64.ZERO);
    assertThat(f.verifier().verify(plain, SchemeFixture.KEY_PROOF_DOMAIN, f.onChain(plain, SchemeFixture.KEY_PROOF_DOMAIN, 0)).isValid())
        .as("a plain signer sets member 0")
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aKeySetTakesEffectAtTheFirstEpochOfThePeriodAfterTheNextOne(SchemeFixture<K, S> f) {
    assertThat(TIMING.keySetActivationEpoch(epoch(0))).isEqualTo(epoch(16));
    assertThat(TIMING.keySetActivationEpoch(epoch(7))).isEqualTo(epoch(16));
    assertThat(TIMING.keySetActivationEpoch(epoch(8))).isEqualTo(epoch(24));
    assertThat(TIMING.keySetActivationEpoch(epoch(13))).isEqualTo(epoch(24));
    KeyRotationTiming mainnet = new KeyRotationTiming(256, 256);
    assertThat(mainnet.keySetActivationEpoch(epoch(255))).isEqualTo(epoch(512));
    assertThat(mainnet.keySetActivationEpoch(epoch(256))).isEqualTo(epoch(768));
    assertThat(registered(f).last().activationEpoch()).isEqualTo(epoch(16));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void theOwnKeyIsTheFirstStoredKeySetAndSignsUntilTheGroupTakesEffect(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = registered(f);
    assertThat(sets.keySets()).hasSize(2);
    assertThat(sets.keySets().get(0)).isEqualTo(GroupKeySet.plain(f.key(OWN)));
    assertThat(sets.keySetAt(epoch(0)).orElseThrow().keys()).containsExactly(f.key(OWN));
    assertThat(sets.keySetAt(epoch(15)).orElseThrow().keys()).containsExactly(f.key(OWN));
    assertThat(sets.pending(epoch(15))).contains(sets.keySets().get(1));
    assertThat(sets.keySetAt(epoch(16)).orElseThrow().keys()).containsExactly(f.key(0), f.key(1), f.key(2));
    assertThat(sets.keySetAt(epoch(1000)).orElseThrow().threshold()).isEqualTo(2);
    assertThat(sets.pending(epoch(16))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void getGroupKeySetIsTheLastSetActivatedAtOrBeforeTheEpoch(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets =
        GroupKeySets.fromStored(List.of(f.keySet(1, 1, 10), f.keySet(1, 2, 20), f.keySet(2, 3, 30)));
    assertThat(sets.keySetAt(epoch(9))).as("before every stored set: pruned").isEmpty();
    assertThatThrownBy(() -> sets.current(epoch(9))).isInstanceOf(IllegalStateException.class);
    assertThat(sets.keySetAt(epoch(10)).orElseThrow().size()).isEqualTo(1);
    assertThat(sets.keySetAt(epoch(19)).orElseThrow().size()).isEqualTo(1);
    assertThat(sets.keySetAt(epoch(20)).orElseThrow().size()).isEqualTo(2);
    assertThat(sets.keySetAt(epoch(29)).orElseThrow().size()).isEqualTo(2);
    assertThat(sets.keySetAt(epoch(30)).orElseThrow().size()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void storesOneToThreeKeySetsWithStrictlyIncreasingActivation(SchemeFixture<K, S> f) {
    assertThatThrownBy(() -> GroupKeySets.fromStored(List.<GroupKeySet<K>>of())).hasMessageContaining("1 to 3");
    assertThatThrownBy(
            () -> GroupKeySets.fromStored(List.of(f.keySet(1, 1, 1), f.keySet(1, 1, 2), f.keySet(1, 1, 3), f.keySet(1, 1, 4))))
        .hasMessageContaining("1 to 3");
    assertThatThrownBy(() -> GroupKeySets.fromStored(List.of(f.keySet(1, 2, 5), f.keySet(1, 2, 5))))
        .hasMessageContaining("strictly increasing");
    GroupKeySets<K> sets = registered(f);
    assertThatThrownBy(() -> sets.withAppended(f.keySet(1, 1, 16))).hasMessageContaining("strictly increasing");
    GroupKeySets<K> three = sets.withAppended(f.keySet(1, 1, 32));
    assertThat(three.size()).isEqualTo(3);
    assertThatThrownBy(() -> three.withAppended(f.keySet(1, 1, 40))).hasMessageContaining("1 to 3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void pruningRemovesARetiredSetAtTheEndOfTheEpochBeforeRetirementPlusTheDelay(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = registered(f);
    // the own key is retired at 16 and stored while the epoch is below 16 + 16 = 32
    assertThat(sets.pruned(epoch(15), TIMING)).isSameAs(sets);
    assertThat(sets.pruned(epoch(30), TIMING)).isSameAs(sets);
    GroupKeySets<K> pruned = sets.pruned(epoch(31), TIMING); // next_epoch = 32
    assertThat(pruned.keySets()).containsExactly(sets.keySets().get(1));
    assertThat(pruned.keySetAt(epoch(15))).as("messages of the own key can no longer be verified").isEmpty();
    assertThat(pruned.keySetAt(epoch(32)).orElseThrow().keys()).containsExactly(f.key(0), f.key(1), f.key(2));
    assertThat(pruned.pruned(epoch(5000), TIMING)).as("the key set in force is never pruned").isSameAs(pruned);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void pruningDropsEveryExpiredSetButNeverAPendingOne(SchemeFixture<K, S> f) {
    GroupKeySets<K> chain =
        GroupKeySets.fromStored(List.of(f.keySet(1, 1, 0), f.keySet(2, 3, 16), f.keySet(2, 4, 24)));
    assertThat(chain.pruned(epoch(38), TIMING).keySets()).hasSize(2); // next 39: 16 + 16 <= 39, 24 + 16 > 39
    assertThat(chain.pruned(epoch(39), TIMING).keySets()).containsExactly(chain.keySets().get(2)); // next 40
    GroupKeySets<K> withPending =
        GroupKeySets.fromStored(List.of(f.keySet(1, 1, 0), f.keySet(2, 3, 16), f.keySet(2, 4, 200)));
    GroupKeySets<K> pruned = withPending.pruned(epoch(100), TIMING);
    assertThat(pruned.keySets()).containsExactly(withPending.keySets().get(1), withPending.keySets().get(2));
    assertThat(pruned.pending(epoch(100))).contains(withPending.keySets().get(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void theValidatorKeySetIsThePlainSetWithoutAGroupAndTheStoredSetWithOne(SchemeFixture<K, S> f) {
    assertThat(GroupKeySets.validatorKeySet(Optional.empty(), f.key(OWN), epoch(123)))
        .contains(GroupKeySet.plain(f.key(OWN)));
    GroupKeySets<K> sets = registered(f);
    assertThat(GroupKeySets.validatorKeySet(Optional.of(sets), f.key(OWN), epoch(16)).orElseThrow().keys())
        .containsExactly(f.key(0), f.key(1), f.key(2));
    GroupKeySets<K> pruned = sets.pruned(epoch(31), TIMING);
    assertThat(GroupKeySets.validatorKeySet(Optional.of(pruned), f.key(OWN), epoch(10))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void knowsEveryStoredKey(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = registered(f);
    assertThat(sets.storedKeys()).containsExactly(f.key(OWN), f.key(0), f.key(1), f.key(2));
    assertThat(sets.containsKey(f.key(OWN))).isTrue();
    assertThat(sets.containsKey(f.key(3))).isFalse();
    assertThat(sets.pruned(epoch(31), TIMING).containsKey(f.key(OWN))).isFalse();
  }
}
