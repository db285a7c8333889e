package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The checks of a {@code DataColumnSidecar} from Fulu's p2p-interface that do not need the
 * network: its shape, its KZG proofs, and its inclusion proof.
 */
public final class DataColumnSidecarVerifier {
  private final SpecFulu spec;

  public DataColumnSidecarVerifier(SpecFulu spec) {
    this.spec = spec;
  }

  /**
   * {@code verify_data_column_sidecar}: a column index below {@code NUMBER_OF_COLUMNS}, at least
   * one and at most {@code get_blob_parameters(epoch).max_blobs_per_block} commitments, and as
   * many cells and proofs as commitments.
   */
  public boolean verifyDataColumnSidecar(DataColumnSidecar sidecar) {
    if (!sidecar.index().isLessThan(spec.config().numberOfColumns())) {
      return false;
    }
    int commitments = sidecar.kzgCommitments().size();
    if (commitments == 0) {
      return false;
    }
    UInt64 epoch = spec.misc().computeEpochAtSlot(sidecar.signedBlockHeader().message().slot());
    if (UInt64.valueOf(commitments).isGreaterThan(spec.misc().getBlobParameters(epoch).maxBlobsPerBlock())) {
      return false;
    }
    return sidecar.column().size() == commitments && sidecar.kzgProofs().size() == commitments;
  }

  /**
   * {@code verify_data_column_sidecar_kzg_proofs}: the cells, all at the column's index, match
   * the commitments by the proofs ({@code verify_cell_kzg_proof_batch}).
   */
  public boolean verifyDataColumnSidecarKzgProofs(DataColumnSidecar sidecar) {
    long[] cellIndices = new long[sidecar.column().size()];
    Arrays.fill(cellIndices, sidecar.index().longValue());
    return Kzg.verifyCellKzgProofBatch(
        sidecar.kzgCommitments().asList(), cellIndices, sidecar.column().asList(), sidecar.kzgProofs().asList());
  }

  /**
   * {@code verify_data_column_sidecar_inclusion_proof}: the commitments are the block body's
   * {@code blob_kzg_commitments}, by a Merkle branch to the header's {@code body_root}.
   */
  public boolean verifyDataColumnSidecarInclusionProof(DataColumnSidecar sidecar) {
    return verifyKzgCommitmentsInclusionProof(sidecar.kzgCommitments().hashTreeRoot(),
        sidecar.kzgCommitmentsInclusionProof().asList(), sidecar.signedBlockHeader().message());
  }

  /**
   * The Merkle branch from a list of commitments (its root) to the header's {@code body_root} at
   * {@code blob_kzg_commitments}: the check inside {@code verify_data_column_sidecar_inclusion_proof}
   * and the partial-columns {@code verify_partial_data_column_header_inclusion_proof}.
   */
  public boolean verifyKzgCommitmentsInclusionProof(Bytes32 commitmentsRoot, List<Bytes32> branch,
      BeaconBlockHeader header) {
    return spec.predicates().isValidMerkleBranch(commitmentsRoot, branch, spec.config().kzgCommitmentsInclusionProofDepth(),
        BeaconBlockBody.BLOB_KZG_COMMITMENTS, header.bodyRoot());
  }
}
