package io.edvt.forkchoice.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.kzg.CellsAndKzgProofs;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarVerifier;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarsFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sidecars built by {@code get_data_column_sidecars_from_block} for a valid Fulu block with two
 * real blobs pass every check of {@link DataColumnSidecarVerifier}; built from the wrong blobs or
 * with another block's header they do not.
 */
class DataColumnSidecarsFuluTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final DataColumnSidecarsFulu SIDECARS = SPEC.dataColumnSidecars();
  private static final DataColumnSidecarVerifier VERIFIER = new DataColumnSidecarVerifier(SPEC);

  private static TestBlobs blobs;
  private static List<CellsAndKzgProofs> cells;
  private static SignedBeaconBlock block;
  private static SignedBeaconBlock blockWithoutBlobs;

  @BeforeAll
  static void aChainWhoseFirstBlockCommitsToTwoBlobs() {
    blobs = TestBlobs.random(1, 2);
    cells = blobs.cellsAndKzgProofs();
    ChainBuilder chain = ChainBuilder.interop(SPEC, 64);
    // applied with every check on: the commitments make a valid block
    block = chain.addBlock(UInt64.ONE, BlockOptions.none().blobKzgCommitments(blobs.commitments()));
    blockWithoutBlobs = chain.addBlock();
  }

  @Test
  void everySidecarOfABlockWithRealBlobsPassesShapeKzgAndInclusionChecks() {
    List<DataColumnSidecar> sidecars = SIDECARS.getDataColumnSidecarsFromBlock(block, cells);
    assertThat(sidecars).hasSize(SPEC.config().numberOfColumns());
    for (int i = 0; i < sidecars.size(); i++) {
      DataColumnSidecar s = sidecars.get(i);
      assertThat(s.index()).isEqualTo(UInt64.valueOf(i));
      assertThat(s.signedBlockHeader().message().hashTreeRoot()).isEqualTo(block.message().hashTreeRoot());
      assertThat(s.signedBlockHeader().signature()).isEqualTo(block.signature());
      assertThat(VERIFIER.verifyDataColumnSidecar(s)).as("column %d shape", i).isTrue();
      assertThat(VERIFIER.verifyDataColumnSidecarKzgProofs(s)).as("column %d KZG proofs", i).isTrue();
      assertThat(VERIFIER.verifyDataColumnSidecarInclusionProof(s)).as("column %d inclusion proof", i).isTrue();
    }
  }

  @Test
  void cellsOfBlobsInTheWrongOrderFailTheKzgCheck() {
    List<DataColumnSidecar> swapped = SIDECARS.getDataColumnSidecarsFromBlock(block, List.of(cells.get(1), cells.get(0)));
    assertThat(VERIFIER.verifyDataColumnSidecar(swapped.get(0))).isTrue();
    assertThat(VERIFIER.verifyDataColumnSidecarInclusionProof(swapped.get(0))).isTrue();
    assertThat(VERIFIER.verifyDataColumnSidecarKzgProofs(swapped.get(0))).isFalse();
  }

  @Test
  void anotherBlocksHeaderFailsTheInclusionProof() {
    DataColumnSidecarsFulu s = SIDECARS;
    List<DataColumnSidecar> sidecars = s.getDataColumnSidecars(s.computeSignedBlockHeader(blockWithoutBlobs),
        block.message().body().blobKzgCommitments(), s.computeKzgCommitmentsInclusionProof(block.message().body()),
        cells);
    assertThat(VERIFIER.verifyDataColumnSidecarKzgProofs(sidecars.get(3))).isTrue();
    assertThat(VERIFIER.verifyDataColumnSidecarInclusionProof(sidecars.get(3))).isFalse();
  }

  @Test
  void cellsForFewerBlobsThanCommitmentsAreRefusedWithTheSpecsAssertion() {
    assertThatThrownBy(() -> SIDECARS.getDataColumnSidecarsFromBlock(block, cells.subList(0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("len(cells_and_kzg_proofs) == len(kzg_commitments) (1 != 2)");
  }
}
