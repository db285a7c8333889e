package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.AttesterSlashings.IndexedVote;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code get_attester_slashing_indices}, {@code get_equivocating_pubkeys} and the index part of
 * {@code is_valid_indexed_attestation}, over both schemes' keys. The state has validators 0..4:
 *
 * <ul>
 *   <li>0, 2, 3: no group (own keys 10, 12, 13);
 *   <li>1: own key 11, then keys 0..3 with threshold 3 from epoch 16;
 *   <li>4: own key set already pruned; keys 4, 5, 6 with threshold 2 from epoch 16, then keys 8,
 *       5, 6, 7 with threshold 3 from epoch 32 (member 0 replaced by key 8, member 3 added).
 * </ul>
 *
 * Validator 9 does not exist.
 */
class AttesterSlashingsTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(15);
  private static final UInt64 BEFORE = UInt64.valueOf(10);
  private static final UInt64 EARLY = UInt64.valueOf(20);
  private static final UInt64 LATE = UInt64.valueOf(40);

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static UInt64 u(long v) {
    return UInt64.valueOf(v);
  }

  /** Virtual index of member {@code j} of validator {@code v}. */
  private static UInt64 vi(long v, int j) {
    return VirtualIndex.compute(u(v), j);
  }

  private static IndexedVote vote(UInt64 target, UInt64... indices) {
    UInt64[] sorted = indices.clone();
    Arrays.sort(sorted);
    return new IndexedVote(List.of(sorted), target);
  }

  /** The state's {@code get_validator_key_set}. */
  private static <K> KeySetLookup<K> state(SchemeFixture<K, ?> f) {
    Map<UInt64, K> own = new HashMap<>();
    Map<UInt64, GroupKeySets<K>> groups = new HashMap<>();
    for (int v = 0; v <= 4; v++) {
      own.put(u(v), f.key(10 + v));
    }
    groups.put(u(1), GroupKeySets.registered(f.key(11), new GroupKeySet<>(3, f.keys(4), u(16))));
    groups.put(
        u(4),
        GroupKeySets.fromStored(
            List.of(
                new GroupKeySet<>(2, List.of(f.key(4), f.key(5), f.key(6)), u(16)),
                new GroupKeySet<>(3, List.of(f.key(8), f.key(5), f.key(6), f.key(7)), u(32)))));
    return (validatorIndex, epoch) ->
        own.containsKey(validatorIndex)
            ? GroupKeySets.validatorKeySet(Optional.ofNullable(groups.get(validatorIndex)), own.get(validatorIndex), epoch)
            : Optional.empty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void validatorsWithoutAGroupFollowFulu(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    assertThat(AttesterSlashings.slashingIndices(vote(EARLY, u(0), u(2)), vote(EARLY, u(2), u(3)), state)).containsExactly(u(2));
    assertThat(AttesterSlashings.slashingIndices(vote(EARLY, u(3), u(2), u(0)), vote(EARLY, u(0), u(2), u(3)), state))
        .containsExactly(u(0), u(2), u(3));
    assertThat(AttesterSlashings.slashingIndices(vote(EARLY, u(0)), vote(EARLY, u(2)), state)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aGroupIsAnOffenderWhenEachAttestationCarriesThresholdMembers(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    IndexedVote first = vote(EARLY, vi(1, 0), vi(1, 1), vi(1, 2), u(2));
    IndexedVote second = vote(EARLY, vi(1, 1), vi(1, 2), vi(1, 3), u(3));
    assertThat(AttesterSlashings.slashingIndices(first, second, state)).containsExactly(u(1));
    assertThat(AttesterSlashings.countAttestingMembers(first, u(1))).isEqualTo(3);
    assertThat(AttesterSlashings.countAttestingMembers(first, u(2))).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void thresholdMembersOnOneSideOnlyIsNoOffence(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    IndexedVote three = vote(EARLY, vi(1, 0), vi(1, 1), vi(1, 2));
    IndexedVote two = vote(EARLY, vi(1, 1), vi(1, 2));
    assertThat(AttesterSlashings.slashingIndices(three, two, state)).isEmpty();
    assertThat(AttesterSlashings.slashingIndices(two, three, state)).isEmpty();
    // ...but the two members that signed both have equivocated
    assertThat(AttesterSlashings.equivocatingPubkeys(three, two, state)).containsExactly(f.key(1), f.key(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void oneMemberInBothAttestationsIsNoOffenceOfItsGroup(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    IndexedVote first = vote(EARLY, vi(1, 0), vi(1, 1), vi(1, 2));
    IndexedVote second = vote(EARLY, vi(1, 2));
    assertThat(AttesterSlashings.slashingIndices(first, second, state)).isEmpty();
    assertThat(AttesterSlashings.equivocatingPubkeys(first, second, state)).containsExactly(f.key(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void eachSideIsJudgedWithTheKeySetInForceAtItsTargetEpoch(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    // validator 1 at target 10 is still its own key (threshold 1, member 0): a surround vote across the change
    IndexedVote ownKey = vote(BEFORE, u(1));
    IndexedVote members = vote(EARLY, vi(1, 0), vi(1, 1), vi(1, 3));
    assertThat(AttesterSlashings.slashingIndices(ownKey, members, state)).containsExactly(u(1));
    assertThat(AttesterSlashings.slashingIndices(ownKey, vote(EARLY, vi(1, 0), vi(1, 1)), state)).isEmpty();
    // validator 4: threshold 2 at target 20, threshold 3 at target 40
    IndexedVote earlyTwo = vote(EARLY, vi(4, 1), vi(4, 2));
    assertThat(AttesterSlashings.slashingIndices(earlyTwo, vote(LATE, vi(4, 1), vi(4, 2)), state)).isEmpty();
    assertThat(AttesterSlashings.slashingIndices(earlyTwo, vote(LATE, vi(4, 0), vi(4, 1), vi(4, 3)), state))
        .containsExactly(u(4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aPrunedKeySetOrAnUnknownValidatorProvesNothing(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    // validator 4's own key set is pruned: nothing covers target 10
    assertThat(state.keySet(u(4), BEFORE)).isEmpty();
    assertThat(AttesterSlashings.slashingIndices(vote(BEFORE, u(4)), vote(EARLY, vi(4, 0), vi(4, 1)), state)).isEmpty();
    assertThat(AttesterSlashings.slashingIndices(vote(EARLY, u(9)), vote(EARLY, u(9)), state)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void returnsOffendersSortedByValidatorIndex(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    IndexedVote first = vote(EARLY, u(3), vi(1, 0), vi(1, 1), vi(1, 2), u(0), vi(4, 1), vi(4, 2));
    IndexedVote second = vote(EARLY, vi(4, 0), vi(4, 2), u(0), vi(1, 1), vi(1, 2), vi(1, 3), u(3));
    assertThat(AttesterSlashings.slashingIndices(first, second, state)).containsExactly(u(0), u(1), u(3), u(4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void equivocationsAreMatchedByKeyAcrossARotation(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    // member 0 of validator 4 is key 4 at target 20 and key 8 at target 40; member 1 is key 5 at both
    IndexedVote early = vote(EARLY, vi(4, 0), vi(4, 1));
    IndexedVote late = vote(LATE, vi(4, 0), vi(4, 1), vi(4, 15));
    assertThat(AttesterSlashings.equivocatingPubkeys(early, late, state)).containsExactly(f.key(5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void resolvesTheKeysOfAValidIndexedAttestation(SchemeFixture<K, S> f) {
    KeySetLookup<K> state = state(f);
    assertThat(AttesterSlashings.attestingPubkeys(vote(EARLY, u(0), vi(1, 2), vi(4, 0)), state))
        .as("in index order: 0, 4, 2 * 2**41 + 1")
        .contains(List.of(f.key(10), f.key(4), f.key(2)));
    assertThat(AttesterSlashings.attestingPubkeys(vote(LATE, vi(4, 0)), state)).contains(List.of(f.key(8)));
    assertThat(AttesterSlashings.attestingPubkeys(new IndexedVote(List.of(), EARLY), state)).as("empty").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(new IndexedVote(List.of(u(2), u(0)), EARLY), state)).as("unsorted").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(new IndexedVote(List.of(u(0), u(0)), EARLY), state)).as("repeated").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(vote(EARLY, vi(1, 4)), state)).as("beyond the key set").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(vote(EARLY, vi(0, 1)), state)).as("member 1 of a plain validator").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(vote(EARLY, u(16L * (1L << 41))), state)).as("member 16").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(vote(EARLY, u(9)), state)).as("unknown validator").isEmpty();
    assertThat(AttesterSlashings.attestingPubkeys(vote(BEFORE, vi(4, 0)), state)).as("pruned").isEmpty();
  }
}
