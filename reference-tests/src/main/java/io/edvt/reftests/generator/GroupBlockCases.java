package io.edvt.reftests.generator;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.testing.BlockOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * One group-proposed block on the fixtures' head: {@code sanity/blocks} cases signed by {@code m}
 * members or more, by fewer, without the leader, or with the RANDAO reveal of another member, and
 * {@code operations/block_header} cases of the same block.
 */
final class GroupBlockCases {
  private final OperationCases ops;
  private final EdvtStates states;
  private final CaseWriter out;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  GroupBlockCases(OperationCases ops, EdvtStates states, CaseWriter out) {
    this.ops = ops;
    this.states = states;
    this.out = out;
    this.f = states.fixtures();
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    blocks();
  }

  /** What the block cases share: the pre state (slot after the head, groups for the proposer of the next slot and an attester). */
  private final class BlockSetup {
    final MutableBeaconState pre;
    final UInt64 slot;
    final int proposer;
    final int[] ranking;

    BlockSetup() {
      BeaconState upgraded = f.edvtAt(f.fuluHead().slot().longValue() + 1);
      this.slot = upgraded.slot().plus(1);
      MutableBeaconState atSlot = new MutableBeaconState(edvt.stateTransition().processSlots(upgraded, slot));
      this.proposer = edvt.accessors().getBeaconProposerIndex(atSlot);
      MutableBeaconState state = new MutableBeaconState(upgraded);
      EdvtFixtures.setEffectiveBalance(state, proposer, config.minActivationBalance().times(3));
      f.addGroup(state, proposer, 2, 3);
      int[] committee = edvt.accessors().getBeaconCommittee(state, f.fuluHead().slot(), 0);
      int attestingGroup = committee[0] != proposer ? committee[0] : committee[1];
      EdvtFixtures.setEffectiveBalance(state, attestingGroup, config.minActivationBalance().times(4));
      f.addGroup(state, attestingGroup, 3, 4);
      this.pre = new MutableBeaconState(states.fresh(state.commit()));
      MutableBeaconState advanced = new MutableBeaconState(edvt.stateTransition().processSlots(pre.commit(), slot));
      this.ranking = edvt.accessors().getGroupMemberRanking(advanced, proposer, slot);
    }

    MutableBeaconState advanced() {
      return new MutableBeaconState(edvt.stateTransition().processSlots(pre.commit(), slot));
    }

    /** Every signer of every expanded committee at the head slot attests to the head. */
    Attestation fullAttestation(MutableBeaconState state) {
      AttestationData data = states.headData();
      int committees = edvt.accessors().getCommitteeCountPerSlot(state, data.target().epoch());
      List<Long> signers = new ArrayList<>();
      int[] committeeIndices = new int[committees];
      for (int k = 0; k < committees; k++) {
        committeeIndices[k] = k;
        for (long index : edvt.accessors().getExpandedBeaconCommittee(state, data.slot(), k)) {
          signers.add(index);
        }
      }
      int[] bits = new int[signers.size()];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = i;
      }
      return Attestation.create(edvt.schemas().attestation(), SszBits.withSet(signers.size(), bits), data,
          f.signAttestation(state, data, signers), SszBits.withSet(config.maxCommitteesPerSlot(), committeeIndices));
    }

    /** The chain's Fulu block for {@code slot} as an EDVT block of the group proposer, state root sealed. */
    BeaconBlock unsealed(int randaoMember, boolean withAttestation) {
      MutableBeaconState state = advanced();
      BeaconBlock fuluBlock = f.chain().produceBlock(slot, BlockOptions.none()).message();
      if (fuluBlock.proposerIndex().intValue() != proposer) {
        throw new IllegalStateException("the Fulu chain's proposer differs from EDVT's");
      }
      BeaconBlockBody fuluBody = fuluBlock.body();
      UInt64 epoch = edvt.accessors().getCurrentEpoch(state);
      Bytes reveal = GroupSigning.sign(List.of(EdvtFixtures.memberKey(proposer, randaoMember)),
          edvt.misc().computeSigningRoot(epoch, edvt.accessors().getDomain(state, SpecConstants.DOMAIN_RANDAO, null)));
      ContainerType<BeaconBlockBodyEdvt> bodyType = edvt.schemas().beaconBlockBody();
      SyncAggregate noSyncSignatures = SyncAggregate.create(edvt.schemas().syncAggregate(),
          SszBits.zeros(config.syncCommitteeSize()), SpecConstants.G2_POINT_AT_INFINITY);
      BeaconBlockBodyEdvt body = BeaconBlockBodyEdvt.create(bodyType,
          reveal,
          fuluBody.eth1Data(),
          fuluBody.graffiti(),
          field(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, List.of()),
          field(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, List.of()),
          field(bodyType, BeaconBlockBody.ATTESTATIONS, withAttestation ? List.of(fullAttestation(state)) : List.of()),
          field(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
          field(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, List.of()),
          noSyncSignatures,
          fuluBody.executionPayload(),
          field(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, List.of()),
          fuluBody.blobKzgCommitments(),
          fuluBody.executionRequests(),
          UInt64.valueOf(randaoMember),
          field(bodyType, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, List.of()),
          field(bodyType, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, List.of()));
      BeaconBlock unsealed = BeaconBlock.create(edvt.schemas().beaconBlock(), slot, UInt64.valueOf(proposer),
          fuluBlock.parentRoot(), Bytes32.ZERO, body);
      MutableBeaconState post = advanced();
      edvt.blockProcessor().processBlock(post, unsealed, SignatureVerifier.NONE, ExecutionEngine.always(true));
      return unsealed.withStateRoot(post.commit().hashTreeRoot());
    }

    SignedBeaconBlockEdvt signed(BeaconBlock block, int... members) {
      Bytes32 domain = edvt.accessors().getDomain(advanced(), SpecConstants.DOMAIN_BEACON_PROPOSER,
          edvt.misc().computeEpochAtSlot(slot));
      return SignedBeaconBlockEdvt.create(edvt.schemas().signedBeaconBlock(), block,
          GroupSigning.sign(GroupSigning.memberKeys(proposer, members), edvt.misc().computeSigningRoot(block.hashTreeRoot(), domain)),
          GroupSigning.signerBits(config, members));
    }
  }

  @SuppressWarnings("unchecked")
  private static <E> SszList<E> field(ContainerType<?> type, int field, List<? extends E> elements) {
    return ((ListType<E>) type.fields().get(field).type()).of(elements);
  }

  /**
   * A one-block {@code sanity/blocks} case on {@code b}'s pre state; an invalid block must fail
   * {@code verify_block_signature} for the reason {@code signatureFailure} names.
   */
  private void blockCase(String name, Outcome expected, String signatureFailure, BlockSetup b, SignedBeaconBlockEdvt block) {
    Outcome.requireNameMatches(name, expected);
    BeaconState pre = states.fresh(b.pre.commit());
    BeaconState post = Outcome.check(name, expected, pre, () -> edvt.stateTransition().stateTransition(pre, block, true,
        SignatureVerifier.SIMPLE, ExecutionEngine.always(true)));
    if (post == null) {
      String failure = edvt.stateTransition().blockSignatureFailure(b.advanced(), block, SignatureVerifier.SIMPLE).orElse("none");
      GroupChains.check(failure.contains(signatureFailure), name + ": verify_block_signature fails because "
          + signatureFailure + " (it fails because " + failure + ")");
    }
    Path dir = out.caseDir(EdvtStates.PRESET, "sanity", "blocks", "pyspec_tests", name);
    out.meta(dir, Map.of("bls_setting", 1, "blocks_count", 1));
    out.state(dir, "pre", pre);
    out.ssz(dir, "blocks_0", block.serialize());
    if (post != null) {
      out.state(dir, "post", post);
    }
  }

  /** The accepted block is the state's latest block: its slot, and the group's validator as the proposer. */
  private static Outcome applies(BeaconBlock block) {
    return Outcome.accepted("the group's block is applied (latest header: slot " + block.slot() + ", proposer "
        + block.proposerIndex() + ")", (pre, post) -> post.latestBlockHeader().slot().equals(block.slot())
            && post.latestBlockHeader().proposerIndex().equals(block.proposerIndex())
            && post.latestBlockHeader().bodyRoot().equals(block.body().hashTreeRoot()));
  }

  private static final String BELOW_THRESHOLD = "len(signers) >= key_set.threshold";
  private static final String NOT_THE_LEADER = "get_block_leader(";

  private void blocks() {
    BlockSetup b = new BlockSetup();
    int[] r = b.ranking;
    BeaconBlock leader = b.unsealed(r[0], true);
    blockCase("valid_group_proposer_threshold_signers", applies(leader), null, b, b.signed(leader, r[0], r[2]));
    blockCase("valid_group_proposer_all_signers", applies(leader), null, b, b.signed(leader, r[0], r[1], r[2]));
    blockCase("invalid_group_proposer_one_signer", Outcome.rejectedBy("verify_block_signature(state, signed_block)"),
        BELOW_THRESHOLD, b, b.signed(leader, r[0]));
    blockCase("invalid_signers_without_leader", Outcome.rejectedBy("verify_block_signature(state, signed_block)"),
        NOT_THE_LEADER, b, b.signed(leader, r[1], r[2]));
    BeaconBlock empty = b.unsealed(r[0], false);
    blockCase("valid_group_proposer_no_operations", applies(empty), null, b, b.signed(empty, r[0], r[1]));
    BeaconBlock wrongReveal = b.unsealed(r[2], true);
    blockCase("invalid_reveal_not_from_leader", Outcome.rejectedBy("verify_block_signature(state, signed_block)"),
        NOT_THE_LEADER, b, b.signed(wrongReveal, r[0], r[2]));

    // block_header: process_block_header on the state advanced to the block's slot
    MutableBeaconState advanced = b.advanced();
    record Header(String name, Outcome expected, BeaconBlock block) {}
    List<Header> headers = List.of(
        new Header("valid_group_block", Outcome.accepted("the block's header is the state's latest",
            (pre, post) -> post.latestBlockHeader().slot().equals(leader.slot())
                && post.latestBlockHeader().bodyRoot().equals(leader.body().hashTreeRoot())), leader),
        new Header("invalid_proposer_index", Outcome.rejectedBy("block.proposer_index == get_beacon_proposer_index(state)"),
            BeaconBlock.create(edvt.schemas().beaconBlock(),
            leader.slot(), UInt64.valueOf((b.proposer + 1) % EdvtFixtures.VALIDATORS), leader.parentRoot(),
            leader.stateRoot(), leader.body())),
        new Header("invalid_parent_root", Outcome.rejectedBy("block.parent_root == hash_tree_root(state.latest_block_header)"),
            BeaconBlock.create(edvt.schemas().beaconBlock(),
            leader.slot(), leader.proposerIndex(), Bytes32.repeat((byte) 0x44), leader.stateRoot(), leader.body())),
        new Header("invalid_slot", Outcome.rejectedBy("block.slot == state.slot"),
            BeaconBlock.create(edvt.schemas().beaconBlock(),
            leader.slot().plus(1), leader.proposerIndex(), leader.parentRoot(), leader.stateRoot(), leader.body())));
    for (Header h : headers) {
      ops.write("block_header", "block", h.name(), advanced, h.block().serialize(),
          w -> edvt.blockProcessor().processBlockHeader(w, h.block()), h.expected());
    }
  }
}
