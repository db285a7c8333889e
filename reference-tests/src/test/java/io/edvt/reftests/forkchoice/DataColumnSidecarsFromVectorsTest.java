package io.edvt.reftests.forkchoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.crypto.kzg.CellsAndKzgProofs;
import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarsFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our construction of data column sidecars (Fulu validator guide) against the sidecars the
 * consensus-specs generator built for {@code on_block_peerdas__ok}: from each of its two blocks we
 * compute the same signed header and inclusion proof, and, for the first block, from its two blobs
 * (the vectors carry every column, so each blob's cells can be read back, and their first half is
 * the blob), the same sidecars byte for byte. (One block keeps the KZG work to two blobs.)
 */
class DataColumnSidecarsFromVectorsTest {
  private static final SpecFulu SPEC = ReferenceSpecs.spec("minimal", SpecMilestone.FULU);
  private static final DataColumnSidecarsFulu SIDECARS = SPEC.dataColumnSidecars();
  private static final String CASE = "on_block_peerdas__ok";

  /** A block of the case and its sidecars, by column index. */
  private record BlockWithColumns(SignedBeaconBlock block, List<DataColumnSidecar> sidecars) {}

  private static List<BlockWithColumns> blocks;

  @BeforeAll
  static void readTheCase() {
    TestCase c = new TestCase("minimal", "fulu", "fork_choice", "on_block", "pyspec_tests", CASE,
        VectorsRoot.testsDir().resolve("minimal/fulu/fork_choice/on_block/pyspec_tests").resolve(CASE));
    blocks = new ArrayList<>();
    for (JsonNode step : c.yaml("steps.yaml")) {
      if (step.has("block") && step.has("columns")) {
        SignedBeaconBlock block = SPEC.schemas().signedBeaconBlock().deserialize(c.ssz(step.get("block").asText()));
        List<DataColumnSidecar> sidecars = new ArrayList<>();
        step.get("columns").forEach(name -> sidecars.add(SPEC.schemas().dataColumnSidecar().deserialize(c.ssz(name.asText()))));
        sidecars.sort(Comparator.comparingLong(s -> s.index().longValue()));
        blocks.add(new BlockWithColumns(block, List.copyOf(sidecars)));
      }
    }
  }

  @Test
  void theCaseHasTwoBlocksWithBlobsAndEveryColumnOfEach() {
    assertThat(blocks).hasSize(2);
    for (BlockWithColumns b : blocks) {
      assertThat(b.block().message().body().blobKzgCommitments().size()).isPositive();
      assertThat(b.sidecars()).extracting(s -> s.index().intValue())
          .containsExactlyElementsOf(IntStream.range(0, SPEC.config().numberOfColumns()).boxed().toList());
    }
  }

  @Test
  void theHeaderAndInclusionProofComputedFromTheBlockAreTheVectorsOnes() {
    for (BlockWithColumns b : blocks) {
      var header = SIDECARS.computeSignedBlockHeader(b.block());
      var proof = SIDECARS.computeKzgCommitmentsInclusionProof(b.block().message().body());
      assertThat(header.message().hashTreeRoot()).isEqualTo(b.block().message().hashTreeRoot());
      for (DataColumnSidecar s : b.sidecars()) {
        assertThat(s.signedBlockHeader()).as("column %s header", s.index()).isEqualTo(header);
        assertThat(s.kzgCommitmentsInclusionProof().asList()).as("column %s inclusion proof", s.index()).isEqualTo(proof);
        assertThat(s.kzgCommitments()).isEqualTo(b.block().message().body().blobKzgCommitments());
      }
    }
  }

  @Test
  void theSidecarsBuiltFromTheBlockAndItsBlobsAreTheVectorsOnesByteForByte() {
    BlockWithColumns b = blocks.get(0);
    List<Bytes48> commitments = b.block().message().body().blobKzgCommitments().asList();
    assertThat(commitments).hasSize(2);
    List<CellsAndKzgProofs> fromBlobs = new ArrayList<>();
    for (int blob = 0; blob < commitments.size(); blob++) {
      Bytes blobBytes = blob(b.sidecars(), blob);
      assertThat(Kzg.blobToKzgCommitment(blobBytes)).as("blob %d commitment", blob).isEqualTo(commitments.get(blob));
      fromBlobs.add(Kzg.computeCellsAndKzgProofs(blobBytes));
    }
    List<DataColumnSidecar> built = SIDECARS.getDataColumnSidecarsFromBlock(b.block(), fromBlobs);
    assertThat(built).hasSameSizeAs(b.sidecars());
    for (int i = 0; i < built.size(); i++) {
      assertThat(Bytes.wrap(built.get(i).serialize())).as("column %d", i)
          .isEqualTo(Bytes.wrap(b.sidecars().get(i).serialize()));
    }
    // distributed publishing: a node with the blobs and any one sidecar builds them all
    assertThat(SIDECARS.getDataColumnSidecarsFromColumnSidecar(b.sidecars().get(37), fromBlobs)).isEqualTo(built);
  }

  /** Blob {@code blob}: its cells in the first half of the columns (the extension is systematic). */
  private static Bytes blob(List<DataColumnSidecar> sidecars, int blob) {
    List<Bytes> cells = new ArrayList<>();
    for (DataColumnSidecar s : sidecars.subList(0, sidecars.size() / 2)) {
      cells.add(s.column().get(blob));
    }
    return Bytes.concatenate(cells);
  }
}
