package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.EdvtGroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.FULU;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.HEAD_SLOT;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.SCHEMAS;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.addGroup;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.chain;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.edvtHead;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.signAttestation;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.virtualIndex;
import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.PROPOSER_WEIGHT;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_SOURCE_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.ParticipationFlags;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.testing.AttestationFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EDVT {@code process_attestation}: expanded committees, member participation, flags at the threshold. */
class AttestationProcessingEdvtTest {
  /** The group's validator: the first member of committee 0 at the head slot. */
  private int groupValidator;
  /** The EDVT state one slot after the head, with the group: attestations of the head slot are included here. */
  private MutableBeaconState state;
  private AttestationData data;

  @BeforeEach
  void groupOfFourWithThresholdThree() {
    state = edvtHead();
    groupValidator = EDVT.accessors().getBeaconCommittee(state, HEAD_SLOT, 0)[0];
    addGroup(state, groupValidator, 3, 4);
    data = new AttestationFactory(FULU, chain().signer()).attestationData(chain().headView(), chain().headRoot());
  }

  /** An attestation of {@code data} at the head slot, committee 0, by the signers {@code attesters}. */
  private Attestation attestation(AttestationData data, long... attesters) {
    long[] committee = EDVT.accessors().getExpandedBeaconCommittee(state, data.slot(), 0);
    List<Long> signers = new ArrayList<>();
    int[] bits = new int[attesters.length];
    for (int k = 0; k < attesters.length; k++) {
      int position = indexOf(committee, attesters[k]);
      assertThat(position).as("attester %s in the expanded committee", attesters[k]).isNotNegative();
      bits[k] = position;
      signers.add(attesters[k]);
    }
    return Attestation.create(SCHEMAS.attestation(), SszBits.withSet(committee.length, bits), data,
        signAttestation(state, data, signers), SszBits.withSet(CONFIG.maxCommitteesPerSlot(), 0));
  }

  private static int indexOf(long[] committee, long index) {
    for (int i = 0; i < committee.length; i++) {
      if (committee[i] == index) {
        return i;
      }
    }
    return -1;
  }

  private long member(int j) {
    return virtualIndex(groupValidator, j);
  }

  private int flags() {
    return state.currentEpochParticipation().get(groupValidator);
  }

  private int memberFlags(int member) {
    return state.<Integer>list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION).get(member);
  }

  private UInt64 proposerBalance() {
    return state.balances().get(EDVT.accessors().getBeaconProposerIndex(state));
  }

  private UInt64 proposerReward(long weights) {
    long denominator = (WEIGHT_DENOMINATOR - PROPOSER_WEIGHT) * WEIGHT_DENOMINATOR / PROPOSER_WEIGHT;
    return EDVT.accessors().getBaseReward(state, groupValidator).times(weights).dividedBy(denominator);
  }

  @Test
  void theExpandedCommitteeReplacesTheGroupsValidatorByItsMembersInMemberOrder() {
    int[] committee = EDVT.accessors().getBeaconCommittee(state, HEAD_SLOT, 0);
    long[] expanded = EDVT.accessors().getExpandedBeaconCommittee(state, HEAD_SLOT, 0);
    assertThat(expanded).hasSize(committee.length + 3);
    assertThat(Arrays.copyOf(expanded, 4)).containsExactly(member(0), member(1), member(2), member(3));
    assertThat(member(3)).isEqualTo(3L * (1L << 41) + groupValidator);
    for (int i = 1; i < committee.length; i++) {
      assertThat(expanded[i + 3]).isEqualTo(committee[i]);
    }
  }

  @Test
  void fulusIntBasedAttestingIndicesRefuseAGroupMemberInsteadOfTruncatingIt() {
    Attestation attestation = attestation(data, member(1));
    assertThat(EDVT.accessors().getVirtualAttestingIndices(state, attestation)).containsExactly(member(1));
    assertThatThrownBy(() -> EDVT.accessors().getAttestingIndices(state, attestation))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not fit the int-based Fulu API");
  }

  @Test
  void aGroupWithOneMemberFewerThanTheThresholdGetsNoFlagAndTheProposerNoReward() {
    UInt64 before = proposerBalance();
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(0), member(2)), SignatureVerifier.SIMPLE);

    assertThat(flags()).isZero();
    assertThat(proposerBalance()).isEqualTo(before);
    int all = ParticipationFlags.addFlag(ParticipationFlags.addFlag(ParticipationFlags.addFlag(0,
        TIMELY_SOURCE_FLAG_INDEX), TIMELY_TARGET_FLAG_INDEX), TIMELY_HEAD_FLAG_INDEX);
    assertThat(memberFlags(0)).isEqualTo(all);
    assertThat(memberFlags(1)).isZero();
    assertThat(memberFlags(2)).isEqualTo(all);
  }

  @Test
  void aGroupReachingTheThresholdGetsTheFlagsAndTheProposerIsRewardedOnce() {
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(0), member(2)), SignatureVerifier.SIMPLE);
    UInt64 before = proposerBalance();
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(1)), SignatureVerifier.SIMPLE);

    assertThat(ParticipationFlags.hasFlag(flags(), TIMELY_SOURCE_FLAG_INDEX)).isTrue();
    assertThat(ParticipationFlags.hasFlag(flags(), TIMELY_TARGET_FLAG_INDEX)).isTrue();
    assertThat(ParticipationFlags.hasFlag(flags(), TIMELY_HEAD_FLAG_INDEX)).isTrue();
    long weights = LongStream.of(PARTICIPATION_FLAG_WEIGHTS).sum();
    assertThat(proposerBalance()).isEqualTo(before.plus(proposerReward(weights)));
    assertThat(proposerReward(weights).isGreaterThan(UInt64.ZERO)).isTrue();

    // the fourth member adds its own flags but earns the proposer nothing more
    UInt64 afterThreshold = proposerBalance();
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(3)), SignatureVerifier.SIMPLE);
    assertThat(proposerBalance()).isEqualTo(afterThreshold);
    assertThat(memberFlags(3)).isNotZero();
  }

  @Test
  void flagsAreCountedIndependentlySoASplitHeadVoteStillEarnsSourceAndTarget() {
    AttestationData wrongHead = AttestationData.create(data.slot(), data.index(), Bytes32.repeat((byte) 0x5a),
        data.source(), data.target());
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(0), member(1)), SignatureVerifier.SIMPLE);
    UInt64 before = proposerBalance();
    EDVT.blockProcessor().processAttestation(state, attestation(wrongHead, member(2), member(3)), SignatureVerifier.SIMPLE);

    assertThat(ParticipationFlags.hasFlag(flags(), TIMELY_SOURCE_FLAG_INDEX)).isTrue();
    assertThat(ParticipationFlags.hasFlag(flags(), TIMELY_TARGET_FLAG_INDEX)).isTrue();
    assertThat(ParticipationFlags.hasFlag(flags(), TIMELY_HEAD_FLAG_INDEX)).isFalse();
    long weights = PARTICIPATION_FLAG_WEIGHTS[TIMELY_SOURCE_FLAG_INDEX] + PARTICIPATION_FLAG_WEIGHTS[TIMELY_TARGET_FLAG_INDEX];
    assertThat(proposerBalance()).isEqualTo(before.plus(proposerReward(weights)));
  }

  @Test
  void anAttestationWithAMemberSignatureMissingIsRejected() {
    Attestation honest = attestation(data, member(0), member(1));
    Attestation forged = Attestation.create(SCHEMAS.attestation(),
        SszBits.withSet(honest.aggregationBits().length(), 0, 1, 2), data, honest.signature(), honest.committeeBits());
    assertThatThrownBy(() -> EDVT.blockProcessor().processAttestation(state, forged, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation))");
  }

  @Test
  void aggregationBitsSizedForTheUnexpandedCommitteeAreRejected() {
    int committeeSize = EDVT.accessors().getBeaconCommittee(state, HEAD_SLOT, 0).length;
    Attestation attestation = Attestation.create(SCHEMAS.attestation(), SszBits.withSet(committeeSize, 0), data,
        signAttestation(state, data, List.of(member(0))), SszBits.withSet(CONFIG.maxCommitteesPerSlot(), 0));
    assertThatThrownBy(() -> EDVT.blockProcessor().processAttestation(state, attestation, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("aggregation_bits covers committee 0");
  }

  @Test
  void theIndexedAttestationCarriesVirtualIndicesAndVerifiesWithMemberKeys() {
    Attestation attestation = attestation(data, member(1), member(3));
    var indexed = EDVT.accessors().getIndexedAttestation(state, attestation);
    assertThat(indexed.attestingIndices().asList()).containsExactly(UInt64.valueOf(member(1)), UInt64.valueOf(member(3)));
    assertThat(EDVT.accessors().isValidIndexedAttestation(state, indexed, SignatureVerifier.SIMPLE)).isTrue();
    assertThat(EDVT.accessors().countAttestingMembers(indexed, groupValidator)).isEqualTo(2);
    // member 4 does not exist in a group of four: the index does not resolve
    var unknown = EdvtGroupFixture.indexed(state, data, List.of(member(0)));
    var withUnknown = io.edvt.spec.datastructures.operations.IndexedAttestation.create(SCHEMAS.indexedAttestation(),
        SCHEMAS.attestingIndices().of(List.of(UInt64.valueOf(member(0)), UInt64.valueOf(virtualIndex(groupValidator, 4)))),
        data, unknown.signature());
    assertThat(EDVT.accessors().attestingPubkeys(state, withUnknown)).isEmpty();
    assertThat(EDVT.accessors().isValidIndexedAttestation(state, withUnknown, SignatureVerifier.NONE)).isFalse();
  }

  @Test
  void aPlainValidatorAndAGroupInOneAttestationAreCreditedEachByItsOwnRule() {
    int plain = EDVT.accessors().getBeaconCommittee(state, HEAD_SLOT, 0)[1];
    UInt64 before = proposerBalance();
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(0), member(1), member(3), plain),
        SignatureVerifier.SIMPLE);

    int all = ParticipationFlags.addFlag(ParticipationFlags.addFlag(ParticipationFlags.addFlag(0,
        TIMELY_SOURCE_FLAG_INDEX), TIMELY_TARGET_FLAG_INDEX), TIMELY_HEAD_FLAG_INDEX);
    assertThat(flags()).isEqualTo(all);
    assertThat(state.currentEpochParticipation().get(plain)).isEqualTo(all);
    long weights = LongStream.of(PARTICIPATION_FLAG_WEIGHTS).sum();
    long denominator = (WEIGHT_DENOMINATOR - PROPOSER_WEIGHT) * WEIGHT_DENOMINATOR / PROPOSER_WEIGHT;
    UInt64 numerator = EDVT.accessors().getBaseReward(state, groupValidator).times(weights)
        .plus(EDVT.accessors().getBaseReward(state, plain).times(weights));
    assertThat(proposerBalance()).isEqualTo(before.plus(numerator.dividedBy(denominator)));
  }

  @Test
  void anAttestationForThePreviousEpochRecordsMembersInThePreviousEpochLists() {
    EDVT.stateTransition().processSlots(state, UInt64.valueOf(3L * CONFIG.slotsPerEpoch() + 1));
    EDVT.blockProcessor().processAttestation(state, attestation(data, member(0), member(1), member(2)), SignatureVerifier.SIMPLE);

    // included 7 slots late: beyond sqrt(SLOTS_PER_EPOCH) for the source and MIN_ATTESTATION_INCLUSION_DELAY
    // for the head, so the target flag only
    int targetOnly = ParticipationFlags.addFlag(0, TIMELY_TARGET_FLAG_INDEX);
    var previousMembers = state.<Integer>list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION);
    assertThat(previousMembers.get(0)).isEqualTo(targetOnly);
    assertThat(previousMembers.get(2)).isEqualTo(targetOnly);
    assertThat(state.previousEpochParticipation().get(groupValidator)).isEqualTo(targetOnly);
    assertThat(previousMembers.get(3)).isZero();
  }

  @Test
  void aPlainValidatorsAttestationIsProcessedExactlyAsInFulu() {
    // the same attesters, on the Fulu head and on its EDVT upgrade (without groups)
    MutableBeaconState fulu = chain().headView();
    Attestation fuluAttestation = new AttestationFactory(FULU, chain().signer())
        .aggregate(fulu, chain().headRoot(), i -> i % 2 == 0).orElseThrow();
    List<Long> attesters = FULU.accessors().getAttestingIndices(fulu, fuluAttestation).stream().map(Long::valueOf).toList();
    FULU.stateTransition().processSlots(fulu, HEAD_SLOT.plus(1));
    MutableBeaconState edvt = edvtHead();
    // the same bits and data, signed for the EDVT fork version
    Attestation edvtAttestation = Attestation.create(SCHEMAS.attestation(), fuluAttestation.aggregationBits(),
        fuluAttestation.data(), signAttestation(edvt, fuluAttestation.data(), attesters), fuluAttestation.committeeBits());
    assertThat(EDVT.accessors().getVirtualAttestingIndices(edvt, edvtAttestation)).containsExactlyElementsOf(attesters);

    FULU.blockProcessor().processAttestation(fulu, fuluAttestation, SignatureVerifier.SIMPLE);
    EDVT.blockProcessor().processAttestation(edvt, edvtAttestation, SignatureVerifier.SIMPLE);

    BeaconState fuluPost = fulu.commit();
    BeaconStateEdvt edvtPost = BeaconStateEdvt.toVersionEdvt(edvt.commit()).orElseThrow();
    assertThat(edvtPost.currentEpochParticipation()).isEqualTo(fuluPost.currentEpochParticipation());
    assertThat(edvtPost.previousEpochParticipation()).isEqualTo(fuluPost.previousEpochParticipation());
    assertThat(edvtPost.balances()).isEqualTo(fuluPost.balances());
    assertThat(edvtPost.balances()).isNotEqualTo(EdvtGroupFixture.fuluHead().balances());
    assertThat(edvtPost.currentEpochMemberParticipation().isEmpty()).isTrue();
  }
}
