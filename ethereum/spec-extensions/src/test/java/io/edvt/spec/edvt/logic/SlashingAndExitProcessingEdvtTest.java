package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.EdvtGroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.SCHEMAS;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.addGroup;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.chain;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.edvtHead;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.indexed;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.sign;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.signerBits;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.virtualIndex;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_VOLUNTARY_EXIT;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EDVT {@code process_attester_slashing}, {@code process_proposer_slashing} and {@code process_voluntary_exit}. */
class SlashingAndExitProcessingEdvtTest {
  private static final int GROUP = 5;
  private static final int PLAIN = 9;
  private static final int OTHER_PLAIN = 12;

  private MutableBeaconState state;
  private AttestationData vote1;
  private AttestationData vote2;

  @BeforeEach
  void groupOfFourWithThresholdThree() {
    state = edvtHead();
    addGroup(state, GROUP, 3, 4);
    UInt64 epoch = EDVT.accessors().getCurrentEpoch(state);
    Checkpoint source = state.currentJustifiedCheckpoint();
    Checkpoint target = Checkpoint.create(epoch, Bytes32.repeat((byte) 0x33));
    UInt64 slot = EDVT.misc().computeStartSlotAtEpoch(epoch);
    vote1 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x11), source, target);
    vote2 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x22), source, target);
  }

  private static List<Long> signers(List<Integer> plain, int... members) {
    List<Long> out = new ArrayList<>();
    plain.forEach(v -> out.add((long) v));
    for (int j : members) {
      out.add(virtualIndex(GROUP, j));
    }
    return out;
  }

  private AttesterSlashing doubleVote(List<Long> first, List<Long> second) {
    return AttesterSlashing.create(SCHEMAS.attesterSlashing(), indexed(state, vote1, first), indexed(state, vote2, second));
  }

  private boolean slashed(int validator) {
    return state.validators().get(validator).slashed();
  }

  // ------------------------------------------------------------------ attester slashings

  @Test
  void aGroupWithThresholdMembersInEachAttestationIsSlashed() {
    AttesterSlashing slashing = doubleVote(signers(List.of(), 0, 1, 2), signers(List.of(), 1, 2, 3));
    assertThat(EDVT.accessors().getAttesterSlashingIndices(state, slashing.attestation1(), slashing.attestation2()))
        .containsExactly((long) GROUP);
    EDVT.blockProcessor().processAttesterSlashing(state, slashing, SignatureVerifier.SIMPLE);
    assertThat(slashed(GROUP)).isTrue();
  }

  @Test
  void aGroupWithFewerThanThresholdMembersInOneAttestationIsNotSlashed() {
    AttesterSlashing slashing = doubleVote(signers(List.of(), 0, 1, 2), signers(List.of(), 0, 1));
    assertThat(EDVT.accessors().getAttesterSlashingIndices(state, slashing.attestation1(), slashing.attestation2())).isEmpty();
    assertThatThrownBy(() -> EDVT.blockProcessor().processAttesterSlashing(state, slashing, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("slashed_any");
    assertThat(slashed(GROUP)).isFalse();
  }

  @Test
  void aSingleMembersDoubleVoteDoesNotSlashTheGroup() {
    AttesterSlashing slashing = doubleVote(signers(List.of(), 2), signers(List.of(), 2));
    assertThat(EDVT.accessors().getAttesterSlashingIndices(state, slashing.attestation1(), slashing.attestation2())).isEmpty();
    assertThatThrownBy(() -> EDVT.blockProcessor().processAttesterSlashing(state, slashing, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("slashed_any");
    assertThat(slashed(GROUP)).isFalse();
  }

  @Test
  void plainValidatorsInBothAttestationsAreSlashedAsInFuluBesideAGroupBelowThreshold() {
    AttesterSlashing slashing = doubleVote(signers(List.of(PLAIN, OTHER_PLAIN), 0, 1, 2), signers(List.of(PLAIN), 0));
    assertThat(EDVT.accessors().getAttesterSlashingIndices(state, slashing.attestation1(), slashing.attestation2()))
        .containsExactly((long) PLAIN);
    EDVT.blockProcessor().processAttesterSlashing(state, slashing, SignatureVerifier.SIMPLE);
    assertThat(slashed(PLAIN)).isTrue();
    assertThat(slashed(OTHER_PLAIN)).isFalse();
    assertThat(slashed(GROUP)).isFalse();
  }

  @Test
  void anAttesterSlashingWithAForgedMemberSignatureIsRejected() {
    AttesterSlashing honest = doubleVote(signers(List.of(), 0, 1, 2), signers(List.of(), 1, 2, 3));
    // attestation_2 claims member 0 as well, with the signature of members 1, 2 and 3 only
    var claimed = io.edvt.spec.datastructures.operations.IndexedAttestation.create(SCHEMAS.indexedAttestation(),
        SCHEMAS.attestingIndices().of(signers(List.of(), 0, 1, 2, 3).stream().map(UInt64::valueOf).toList()),
        vote2, honest.attestation2().signature());
    AttesterSlashing forged = AttesterSlashing.create(SCHEMAS.attesterSlashing(), honest.attestation1(), claimed);
    assertThatThrownBy(() -> EDVT.blockProcessor().processAttesterSlashing(state, forged, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("is_valid_indexed_attestation(state, attestation_2)");
  }

  // ------------------------------------------------------------------ proposer slashings

  private SignedBeaconBlockHeaderEdvt header(byte bodyByte, List<BlsSecretKey> keys, SszBits bits) {
    BeaconBlockHeader header = BeaconBlockHeader.create(state.slot(), UInt64.valueOf(GROUP), Bytes32.ZERO, Bytes32.ZERO,
        Bytes32.repeat(bodyByte));
    Bytes32 domain = EDVT.accessors().getDomain(state, DOMAIN_BEACON_PROPOSER, EDVT.misc().computeEpochAtSlot(header.slot()));
    return SignedBeaconBlockHeaderEdvt.create(SCHEMAS.signedBeaconBlockHeader(), header,
        sign(keys, EDVT.misc().computeSigningRoot(header.hashTreeRoot(), domain)), bits);
  }

  @Test
  void twoHeadersEachSignedByThresholdMembersSlashTheGroup() {
    ProposerSlashing slashing = ProposerSlashing.create(SCHEMAS.proposerSlashing(),
        header((byte) 1, memberKeys(GROUP, 0, 1, 2), signerBits(0, 1, 2)),
        header((byte) 2, memberKeys(GROUP, 1, 2, 3), signerBits(1, 2, 3)));
    EDVT.blockProcessor().processProposerSlashing(state, slashing, SignatureVerifier.SIMPLE);
    assertThat(slashed(GROUP)).isTrue();
  }

  @Test
  void aHeaderSignedByFewerThanThresholdMembersDoesNotSlash() {
    ProposerSlashing slashing = ProposerSlashing.create(SCHEMAS.proposerSlashing(),
        header((byte) 1, memberKeys(GROUP, 0, 1, 2), signerBits(0, 1, 2)),
        header((byte) 2, memberKeys(GROUP, 3, 1), signerBits(1, 3)));
    assertThatThrownBy(() -> EDVT.blockProcessor().processProposerSlashing(state, slashing, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("signed_header_2")
        .hasMessageContaining("len(signers) >= key_set.threshold (2 distinct signers, 3 required");
    assertThat(slashed(GROUP)).isFalse();
  }

  @Test
  void aHeaderWhoseSignerBitsNameAMemberWhoDidNotSignIsRejected() {
    ProposerSlashing slashing = ProposerSlashing.create(SCHEMAS.proposerSlashing(),
        header((byte) 1, memberKeys(GROUP, 0, 1, 2), signerBits(0, 1, 3)),
        header((byte) 2, memberKeys(GROUP, 1, 2, 3), signerBits(1, 2, 3)));
    assertThatThrownBy(() -> EDVT.blockProcessor().processProposerSlashing(state, slashing, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("signed_header_1")
        .hasMessageContaining("bls.FastAggregateVerify(pubkeys, signing_root, signature)");
  }

  // ------------------------------------------------------------------ voluntary exits

  /** The state moved to an epoch where genesis validators have served SHARD_COMMITTEE_PERIOD. */
  private void afterShardCommitteePeriod() {
    state.setSlot(UInt64.valueOf((CONFIG.shardCommitteePeriod() + 2L) * CONFIG.slotsPerEpoch()));
  }

  private SignedVoluntaryExitEdvt exit(int validator, List<BlsSecretKey> keys, SszBits bits) {
    VoluntaryExit exit = VoluntaryExit.create(UInt64.ZERO, UInt64.valueOf(validator));
    Bytes32 domain = EDVT.misc().computeDomain(DOMAIN_VOLUNTARY_EXIT, CONFIG.capellaForkVersion(), state.genesisValidatorsRoot());
    return SignedVoluntaryExitEdvt.create(SCHEMAS.signedVoluntaryExit(), exit,
        sign(keys, EDVT.misc().computeSigningRoot(exit.hashTreeRoot(), domain)), bits);
  }

  @Test
  void aGroupExitSignedByThresholdMembersInitiatesTheExit() {
    afterShardCommitteePeriod();
    EDVT.blockProcessor().processVoluntaryExit(state, exit(GROUP, memberKeys(GROUP, 0, 2, 3), signerBits(0, 2, 3)),
        SignatureVerifier.SIMPLE);
    assertThat(state.validators().get(GROUP).exitEpoch()).isNotEqualTo(FAR_FUTURE_EPOCH);
  }

  @Test
  void aGroupExitSignedByFewerThanThresholdMembersIsRejected() {
    afterShardCommitteePeriod();
    assertThatThrownBy(() -> EDVT.blockProcessor().processVoluntaryExit(state,
        exit(GROUP, memberKeys(GROUP, 0, 2), signerBits(0, 2)), SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("is_valid_threshold_signature")
        .hasMessageContaining("len(signers) >= key_set.threshold (2 distinct signers, 3 required");
    assertThat(state.validators().get(GROUP).exitEpoch()).isEqualTo(FAR_FUTURE_EPOCH);
  }

  @Test
  void anExitSignedWithTheValidatorsOwnKeyIsRejectedOnceTheGroupIsInForce() {
    afterShardCommitteePeriod();
    BlsSecretKey ownKey = chain().signer().keyOf(state, GROUP);
    assertThatThrownBy(() -> EDVT.blockProcessor().processVoluntaryExit(state,
        exit(GROUP, List.of(ownKey), signerBits(0)), SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("len(signers) >= key_set.threshold (1 distinct signers, 3 required");
  }

  @Test
  void aPlainValidatorExitsWithItsOwnKeyAsMemberZero() {
    afterShardCommitteePeriod();
    BlsSecretKey ownKey = chain().signer().keyOf(state, PLAIN);
    EDVT.blockProcessor().processVoluntaryExit(state, exit(PLAIN, List.of(ownKey), signerBits(0)), SignatureVerifier.SIMPLE);
    assertThat(state.validators().get(PLAIN).exitEpoch()).isNotEqualTo(FAR_FUTURE_EPOCH);
  }

  @Test
  void aPlainValidatorsExitNamingAMemberBeyondItsOwnKeyIsRejected() {
    afterShardCommitteePeriod();
    BlsSecretKey ownKey = chain().signer().keyOf(state, PLAIN);
    assertThatThrownBy(() -> EDVT.blockProcessor().processVoluntaryExit(state,
        exit(PLAIN, List.of(ownKey), signerBits(1)), SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("member_index < len(key_set.pubkeys) for every signer (signer 1 is not a member of a group of 1)");
  }
}
