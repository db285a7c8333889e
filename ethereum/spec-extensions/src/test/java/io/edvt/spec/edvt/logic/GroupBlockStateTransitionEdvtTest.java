package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.EdvtGroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.FULU;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.HEAD_SLOT;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.SCHEMAS;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.addGroup;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.chain;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.edvtHead;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.memberKey;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.sign;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.signAttestation;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.signerBits;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;
import static io.edvt.spec.logic.common.SpecConstants.G2_POINT_AT_INFINITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.logic.common.ParticipationFlags;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.testing.AttestationFactory;
import io.edvt.spec.testing.BlockOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole EDVT block through {@code state_transition} (signatures batched): proposed by a group
 * (threshold signature, the leader's RANDAO reveal) and carrying an attestation over the expanded
 * committees in which a second group's members take part.
 */
class GroupBlockStateTransitionEdvtTest {
  private MutableBeaconState state;
  private int proposer;
  private int attestingGroup;
  private int[] ranking;

  @BeforeEach
  void proposerAndAnAttesterWithGroups() {
    state = edvtHead();
    proposer = EDVT.accessors().getBeaconProposerIndex(state);
    addGroup(state, proposer, 2, 3);
    int[] committee = EDVT.accessors().getBeaconCommittee(state, HEAD_SLOT, 0);
    attestingGroup = committee[0] != proposer ? committee[0] : committee[1];
    addGroup(state, attestingGroup, 3, 4);
    ranking = EDVT.accessors().getGroupMemberRanking(state, proposer, state.slot());
  }

  /** Every signer of every expanded committee at the head slot attests to the head. */
  private Attestation fullAttestation() {
    AttestationData data = new AttestationFactory(FULU, chain().signer()).attestationData(chain().headView(), chain().headRoot());
    int committees = EDVT.accessors().getCommitteeCountPerSlot(state, data.target().epoch());
    List<Long> signers = new ArrayList<>();
    int[] committeeIndices = new int[committees];
    for (int k = 0; k < committees; k++) {
      committeeIndices[k] = k;
      for (long index : EDVT.accessors().getExpandedBeaconCommittee(state, HEAD_SLOT, k)) {
        signers.add(index);
      }
    }
    int[] bits = new int[signers.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = i;
    }
    return Attestation.create(SCHEMAS.attestation(), SszBits.withSet(signers.size(), bits), data,
        signAttestation(state, data, signers), SszBits.withSet(CONFIG.maxCommitteesPerSlot(), committeeIndices));
  }

  /** The chain's next Fulu block as an EDVT block of the group proposer, signed by {@code members}. */
  private SignedBeaconBlockEdvt groupBlock(int randaoMember, int... members) {
    BeaconBlock fuluBlock = chain().produceBlock(state.slot(), BlockOptions.none()).message();
    assertThat(fuluBlock.proposerIndex().intValue()).isEqualTo(proposer);
    BeaconBlockBody fuluBody = fuluBlock.body();
    UInt64 epoch = EDVT.accessors().getCurrentEpoch(state);
    Bytes reveal = sign(List.of(memberKey(proposer, randaoMember)),
        EDVT.misc().computeSigningRoot(epoch, EDVT.accessors().getDomain(state, DOMAIN_RANDAO, null)));
    ContainerType<BeaconBlockBodyEdvt> bodyType = SCHEMAS.beaconBlockBody();
    SyncAggregate noSyncSignatures = SyncAggregate.create(SCHEMAS.syncAggregate(),
        SszBits.zeros(CONFIG.syncCommitteeSize()), G2_POINT_AT_INFINITY);
    BeaconBlockBodyEdvt body = BeaconBlockBodyEdvt.create(bodyType,
        reveal,
        fuluBody.eth1Data(),
        fuluBody.graffiti(),
        list(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, List.of()),
        list(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, List.of()),
        list(bodyType, BeaconBlockBody.ATTESTATIONS, List.of(fullAttestation())),
        list(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
        list(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, List.of()),
        noSyncSignatures,
        fuluBody.executionPayload(),
        list(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, List.of()),
        fuluBody.blobKzgCommitments(),
        fuluBody.executionRequests(),
        UInt64.valueOf(randaoMember),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, List.of()),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, List.of()));
    BeaconBlock unsealed = BeaconBlock.create(SCHEMAS.beaconBlock(), state.slot(), UInt64.valueOf(proposer),
        fuluBlock.parentRoot(), Bytes32.ZERO, body);
    MutableBeaconState post = new MutableBeaconState(state.commitAndContinue());
    EDVT.blockProcessor().processBlock(post, unsealed, SignatureVerifier.NONE, ExecutionEngine.always(true));
    BeaconBlock sealed = unsealed.withStateRoot(post.commit().hashTreeRoot());
    Bytes32 domain = EDVT.accessors().getDomain(state, DOMAIN_BEACON_PROPOSER, epoch);
    return SignedBeaconBlockEdvt.create(SCHEMAS.signedBeaconBlock(), sealed,
        sign(memberKeys(proposer, members), EDVT.misc().computeSigningRoot(sealed.hashTreeRoot(), domain)),
        signerBits(members));
  }

  private BeaconState apply(SignedBeaconBlockEdvt block) {
    return EDVT.stateTransition().processSignedBlock(new MutableBeaconState(state.commitAndContinue()), block, true,
        new SignatureVerifier.Batch(), ExecutionEngine.always(true));
  }

  @Test
  void aBlockOfAGroupSignedByThresholdMembersWithTheLeadersRevealIsApplied() {
    SignedBeaconBlockEdvt block = groupBlock(ranking[0], ranking[0], ranking[2]);
    BeaconState post = apply(block);

    assertThat(post.hashTreeRoot()).isEqualTo(block.message().stateRoot());
    assertThat(post.latestBlockHeader().proposerIndex()).isEqualTo(UInt64.valueOf(proposer));
    int flags = post.currentEpochParticipation().get(attestingGroup);
    for (int flag : new int[] {SpecConstants.TIMELY_SOURCE_FLAG_INDEX, SpecConstants.TIMELY_TARGET_FLAG_INDEX,
        SpecConstants.TIMELY_HEAD_FLAG_INDEX}) {
      assertThat(ParticipationFlags.hasFlag(flags, flag)).as("flag %s of the attesting group", flag).isTrue();
    }
  }

  @Test
  void theSameBlockSignedByOneMemberIsRejected() {
    SignedBeaconBlockEdvt valid = groupBlock(ranking[0], ranking[0], ranking[2]);
    SignedBeaconBlockEdvt oneMember = SignedBeaconBlockEdvt.create(SCHEMAS.signedBeaconBlock(), valid.message(),
        sign(memberKeys(proposer, ranking[0]), EDVT.misc().computeSigningRoot(valid.message().hashTreeRoot(),
            EDVT.accessors().getDomain(state, DOMAIN_BEACON_PROPOSER, null))),
        signerBits(ranking[0]));
    assertThatThrownBy(() -> apply(oneMember))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("verify_block_signature(state, signed_block)");
    assertThat(EDVT.stateTransition().blockSignatureFailure(state, oneMember, SignatureVerifier.SIMPLE))
        .hasValueSatisfying(reason -> assertThat(reason).contains("len(signers) >= key_set.threshold (1 distinct signers, 2 required"));
  }

  @Test
  void aBlockWhoseRevealComesFromASignerWhoIsNotTheLeaderIsRejected() {
    SignedBeaconBlockEdvt block = groupBlock(ranking[2], ranking[0], ranking[2]);
    assertThatThrownBy(() -> apply(block))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("verify_block_signature(state, signed_block)");
    assertThat(EDVT.stateTransition().blockSignatureFailure(state, block, SignatureVerifier.SIMPLE))
        .hasValueSatisfying(reason -> assertThat(reason).contains("get_block_leader"));
  }

  @SuppressWarnings("unchecked")
  private static <E> SszList<E> list(ContainerType<?> type, int field, List<? extends E> elements) {
    return ((ListType<E>) type.fields().get(field).type()).of(elements);
  }
}
