package io.edvt.forkchoice.availability;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.kzg.CellsAndKzgProofs;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.logic.DataColumnSidecarsEdvt;
import io.edvt.spec.edvt.logic.GroupBlockAssemblyEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtBlockOptions;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data column sidecars of a block proposed by a 3-of-4 group. The leader's proposal carries
 * no blobs and only its own signature; the sidecars' header must carry the block's threshold
 * signature and {@code signer_bits}, so they can be built only once the block is assembled from
 * the proposal and {@code m - 1} sign-offs, and then by any node that holds the blobs: the leader
 * from its execution client's bundle, another member from {@code engine_getBlobsV2}.
 */
class GroupBlockDataColumnSidecarsTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal");
  private static final SpecEdvt EDVT = new SpecEdvt(CONFIG);
  private static final SpecFulu FULU = new SpecFulu(CONFIG);
  private static final EdvtFixtures FIXTURES = new EdvtFixtures(FULU, EDVT);
  private static final DataColumnSidecarsEdvt SIDECARS = EDVT.dataColumnSidecars();
  private static final GroupBlockAssemblyEdvt ASSEMBLY = new GroupBlockAssemblyEdvt(EDVT.schemas());
  private static final DataColumnSidecarVerifier VERIFIER = new DataColumnSidecarVerifier(EDVT);
  private static final int GROUPS = 8;

  private static TestBlobs blobs;
  /** The cells and proofs as the leader builds them from its execution client's blobs bundle. */
  private static List<CellsAndKzgProofs> leaderCells;
  /** The pre-state advanced to the group's slot. */
  private static MutableBeaconState stateAtSlot;
  private static int proposer;
  /** The proposer's members, best-ranked first: {@code ranking[0]} leads. */
  private static int[] ranking;
  /** The leader's block signed by the leader alone: the proposal's content. */
  private static SignedBeaconBlockEdvt leaderOnly;
  private static GroupBlockProposal proposal;

  @BeforeAll
  static void aGroupLeaderProposesABlockWithTwoBlobs() {
    List<GroupSpec> groups = new ArrayList<>();
    for (int v = 0; v < GROUPS; v++) {
      groups.add(new GroupSpec(v, 3, 4));
    }
    EdvtChainBuilder chain = EdvtChainBuilder.withGroups(FIXTURES, 3L * CONFIG.slotsPerEpoch(), groups);
    UInt64 slot = UInt64.valueOf(3L * CONFIG.slotsPerEpoch() + 1);
    while (chain.proposerOf(slot) >= GROUPS) {
      chain.addBlock(slot, BlockOptions.none());
      slot = slot.plus(1);
    }
    proposer = chain.proposerOf(slot);
    stateAtSlot = new MutableBeaconState(chain.headState());
    EDVT.stateTransition().processSlots(stateAtSlot, slot);
    ranking = EDVT.accessors().getGroupMemberRanking(stateAtSlot, proposer, slot);

    blobs = TestBlobs.random(7, 2);
    leaderCells = blobs.cellsAndKzgProofs();
    leaderOnly = SignedBeaconBlockEdvt.toVersionEdvt(chain.produceBlock(slot,
        BlockOptions.none().blobKzgCommitments(blobs.commitments()), EdvtBlockOptions.none().signers(ranking[0])))
        .orElseThrow();
    proposal = GroupBlockProposal.create(EDVT.schemas().groupBlockProposal(), leaderOnly.message(), leaderOnly.signature());
  }

  /** {@code get_group_block_signoff}: {@code member}'s signature over the proposal's block. */
  private static GroupBlockSignoff signoff(int member) {
    Bytes32 blockRoot = proposal.block().hashTreeRoot();
    Bytes32 domain = EDVT.accessors().getDomain(stateAtSlot, DOMAIN_BEACON_PROPOSER,
        EDVT.misc().computeEpochAtSlot(proposal.block().slot()));
    Bytes signature = Bls.sign(EdvtFixtures.memberKey(proposer, member),
        EDVT.misc().computeSigningRoot(blockRoot, domain)).toBytes();
    return GroupBlockSignoff.create(blockRoot, UInt64.valueOf(member), signature);
  }

  /**
   * The header check of {@code validate_data_column_sidecar_gossip} as EDVT modifies it:
   * {@code is_valid_threshold_signature} for the header's proposer over its {@code signer_bits}.
   */
  private static Optional<String> headerThresholdFailure(DataColumnSidecar sidecar) {
    SignedBeaconBlockHeaderEdvt header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(sidecar.signedBlockHeader()).orElseThrow();
    UInt64 epoch = EDVT.misc().computeEpochAtSlot(header.message().slot());
    Bytes32 signingRoot = EDVT.misc().computeSigningRoot(header.message().hashTreeRoot(),
        EDVT.accessors().getDomain(stateAtSlot, DOMAIN_BEACON_PROPOSER, epoch));
    return EDVT.accessors().thresholdSignatureFailure(stateAtSlot, header.message().proposerIndex(), epoch, signingRoot,
        header.signerBits(), header.signature(), SignatureVerifier.SIMPLE);
  }

  private static void assertDataChecksPass(DataColumnSidecar s) {
    assertThat(VERIFIER.verifyDataColumnSidecar(s)).as("column %s shape", s.index()).isTrue();
    assertThat(VERIFIER.verifyDataColumnSidecarKzgProofs(s)).as("column %s KZG proofs", s.index()).isTrue();
    assertThat(VERIFIER.verifyDataColumnSidecarInclusionProof(s)).as("column %s inclusion proof", s.index()).isTrue();
  }

  @Test
  void theAssembledBlocksSidecarsCarryItsSignerBitsAndThresholdSignatureAndPassEveryCheck() {
    SignedBeaconBlockEdvt block = ASSEMBLY.assembleGroupBlock(proposal, List.of(signoff(ranking[1]), signoff(ranking[2])));
    assertThat(block.signerBits()).isEqualTo(SszBits.withSet(EDVT.edvtConfig().maxGroupSize(), ranking[0], ranking[1], ranking[2]));
    assertThat(EDVT.stateTransition().blockSignatureFailure(stateAtSlot, block, SignatureVerifier.SIMPLE)).isEmpty();

    List<DataColumnSidecar> sidecars = SIDECARS.getDataColumnSidecarsFromBlock(block, leaderCells);
    assertThat(sidecars).hasSize(CONFIG.numberOfColumns());
    SignedBeaconBlockHeaderEdvt header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(sidecars.get(0).signedBlockHeader())
        .orElseThrow();
    assertThat(header.signerBits()).isEqualTo(block.signerBits());
    assertThat(header.signature()).isEqualTo(block.signature());
    assertThat(header.message().hashTreeRoot()).isEqualTo(block.message().hashTreeRoot());
    assertThat(headerThresholdFailure(sidecars.get(0))).isEmpty();
    for (DataColumnSidecar s : sidecars) {
      assertThat(s.signedBlockHeader()).isEqualTo(header);
      assertDataChecksPass(s);
    }
    // what goes on the wire decodes as EDVT's sidecar type, signer_bits included
    DataColumnSidecar decoded = EDVT.schemas().dataColumnSidecar().deserialize(sidecars.get(5).serialize());
    assertThat(decoded).isEqualTo(sidecars.get(5));
  }

  @Test
  void sidecarsBuiltBeforeAssemblyCarryOnlyTheLeadersSignatureAndFailTheThresholdCheck() {
    // from the proposal alone: the leader's signature and signer_bits naming the leader only
    List<DataColumnSidecar> early = SIDECARS.getDataColumnSidecarsFromBlock(leaderOnly, leaderCells);
    assertThat(SignedBeaconBlockHeaderEdvt.toVersionEdvt(early.get(0).signedBlockHeader()).orElseThrow().signerBits().count())
        .isEqualTo(1);
    assertDataChecksPass(early.get(0)); // the data is right; only the header's signature is not enough
    assertThat(headerThresholdFailure(early.get(0))).hasValueSatisfying(f -> assertThat(f)
        .contains("len(signers) >= key_set.threshold"));

    // claiming the quorum's signer_bits without its signatures fails the signature itself
    SignedBeaconBlockEdvt assembled = ASSEMBLY.assembleGroupBlock(proposal, List.of(signoff(ranking[1]), signoff(ranking[2])));
    SignedBeaconBlockHeaderEdvt forged = SignedBeaconBlockHeaderEdvt.create(EDVT.schemas().signedBeaconBlockHeader(),
        SIDECARS.computeSignedBlockHeader(assembled).message(), proposal.leaderSignature(), assembled.signerBits());
    DataColumnSidecar forgedSidecar = SIDECARS.getDataColumnSidecars(forged, assembled.message().body().blobKzgCommitments(),
        SIDECARS.computeKzgCommitmentsInclusionProof(assembled.message().body()), leaderCells).get(0);
    assertThat(headerThresholdFailure(forgedSidecar)).hasValueSatisfying(f -> assertThat(f).contains("FastAggregateVerify"));
  }

  @Test
  void aFuluShapedHeaderWithoutSignerBitsCannotBeBuiltForAnEdvtBlock() {
    SignedBeaconBlockEdvt block = ASSEMBLY.assembleGroupBlock(proposal, List.of(signoff(ranking[1]), signoff(ranking[2])));
    // Fulu's compute_signed_block_header drops signer_bits ...
    SignedBeaconBlockHeader fuluHeader = FULU.dataColumnSidecars().computeSignedBlockHeader(block);
    assertThat(SignedBeaconBlockHeaderEdvt.toVersionEdvt(fuluHeader)).isEmpty();
    // ... and EDVT's sidecar type has no place for such a header
    assertThatThrownBy(() -> SIDECARS.getDataColumnSidecars(fuluHeader, block.message().body().blobKzgCommitments(),
        SIDECARS.computeKzgCommitmentsInclusionProof(block.message().body()), leaderCells))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DataColumnSidecar.signed_block_header");
    // a sidecar built the Fulu way does not decode as an EDVT sidecar
    DataColumnSidecar fuluSidecar = FULU.dataColumnSidecars().getDataColumnSidecarsFromBlock(block, leaderCells).get(0);
    assertThatThrownBy(() -> EDVT.schemas().dataColumnSidecar().deserialize(fuluSidecar.serialize()))
        .isInstanceOf(SszDeserializationException.class);
    // and EDVT's compute_signed_block_header needs a block with signer_bits
    SignedBeaconBlock fuluBlock = FULU.schemas().signedBeaconBlock().defaultValue();
    assertThatThrownBy(() -> SIDECARS.computeSignedBlockHeader(fuluBlock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no signer_bits");
  }

  @Test
  void aMemberThatAssembledTheBlockFromTheGossipedMessagesBuildsTheLeadersSidecarsByteForByte() {
    GroupBlockSignoff fromSecond = signoff(ranking[1]);
    GroupBlockSignoff fromThird = signoff(ranking[2]);
    // the leader assembles as the sign-offs arrive and uses its execution client's blobs bundle
    SignedBeaconBlockEdvt leaderBlock = ASSEMBLY.assembleGroupBlock(proposal, List.of(fromSecond, fromThird));
    List<DataColumnSidecar> leaderSidecars = SIDECARS.getDataColumnSidecarsFromBlock(leaderBlock, leaderCells);

    // member ranking[2] decodes the proposal and the other sign-off from the wire, in its own order,
    // and gets the same blobs and cell proofs from engine_getBlobsV2 (its own cells computed afresh)
    GroupBlockProposal received = EDVT.schemas().groupBlockProposal().deserialize(proposal.serialize());
    GroupBlockSignoff receivedSignoff = GroupBlockSignoff.TYPE.deserialize(fromSecond.serialize());
    SignedBeaconBlockEdvt memberBlock = ASSEMBLY.assembleGroupBlock(received, List.of(fromThird, receivedSignoff));
    TestBlobs fromGetBlobs = new TestBlobs(List.copyOf(blobs.blobs()), List.copyOf(blobs.commitments()),
        List.copyOf(blobs.cellProofs()));
    List<DataColumnSidecar> memberSidecars = SIDECARS.getDataColumnSidecarsFromBlock(memberBlock,
        fromGetBlobs.cellsAndKzgProofs());

    assertThat(Bytes.wrap(memberBlock.serialize())).isEqualTo(Bytes.wrap(leaderBlock.serialize()));
    assertThat(memberSidecars).hasSameSizeAs(leaderSidecars);
    for (int i = 0; i < leaderSidecars.size(); i++) {
      assertThat(Bytes.wrap(memberSidecars.get(i).serialize())).as("column %d", i)
          .isEqualTo(Bytes.wrap(leaderSidecars.get(i).serialize()));
    }
  }

  @Test
  void twoQuorumsGiveTheSameBlockAndDataButEachItsOwnValidHeader() {
    SignedBeaconBlockEdvt a = ASSEMBLY.assembleGroupBlock(proposal, List.of(signoff(ranking[1]), signoff(ranking[2])));
    SignedBeaconBlockEdvt b = ASSEMBLY.assembleGroupBlock(proposal, List.of(signoff(ranking[1]), signoff(ranking[3])));
    assertThat(b.message().hashTreeRoot()).isEqualTo(a.message().hashTreeRoot());
    assertThat(b.signerBits()).isNotEqualTo(a.signerBits());
    DataColumnSidecar fromA = SIDECARS.getDataColumnSidecarsFromBlock(a, leaderCells).get(9);
    DataColumnSidecar fromB = SIDECARS.getDataColumnSidecarsFromBlock(b, leaderCells).get(9);
    assertThat(headerThresholdFailure(fromA)).isEmpty();
    assertThat(headerThresholdFailure(fromB)).isEmpty();
    assertThat(fromB.signedBlockHeader()).isNotEqualTo(fromA.signedBlockHeader());
    assertThat(fromB.column()).isEqualTo(fromA.column());
    assertThat(fromB.kzgProofs()).isEqualTo(fromA.kzgProofs());
    assertThat(fromB.kzgCommitmentsInclusionProof()).isEqualTo(fromA.kzgCommitmentsInclusionProof());
  }

  @Test
  void aSignoffForAnotherBlockIsRefused() {
    GroupBlockSignoff other = GroupBlockSignoff.create(Bytes32.repeat((byte) 1), UInt64.valueOf(ranking[1]),
        signoff(ranking[1]).signature());
    assertThatThrownBy(() -> ASSEMBLY.assembleGroupBlock(proposal, List.of(other, signoff(ranking[2]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signoff.block_root == hash_tree_root(block)");
  }
}
