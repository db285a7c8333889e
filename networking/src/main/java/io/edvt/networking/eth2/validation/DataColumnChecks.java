package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnHeader;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnSidecar;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The sidecar checks of Fulu's p2p-interface that need no store: {@code verify_data_column_sidecar},
 * {@code verify_data_column_sidecar_kzg_proofs}, {@code verify_data_column_sidecar_inclusion_proof},
 * and the partial-columns document's {@code verify_partial_data_column_header_inclusion_proof} and
 * {@code verify_partial_data_column_sidecar_kzg_proofs}.
 */
public final class DataColumnChecks {
  private final SpecFulu spec;

  public DataColumnChecks(SpecFulu spec) {
    this.spec = spec;
  }

  /** {@code verify_data_column_sidecar}. */
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

  /** {@code verify_data_column_sidecar_kzg_proofs}: every cell at the column's index. */
  public boolean verifyDataColumnSidecarKzgProofs(DataColumnSidecar sidecar) {
    long[] cellIndices = new long[sidecar.column().size()];
    Arrays.fill(cellIndices, sidecar.index().longValue());
    return Kzg.verifyCellKzgProofBatch(sidecar.kzgCommitments().asList(), cellIndices, sidecar.column().asList(),
        sidecar.kzgProofs().asList());
  }

  /** {@code verify_data_column_sidecar_inclusion_proof}. */
  public boolean verifyDataColumnSidecarInclusionProof(DataColumnSidecar sidecar) {
    return inclusionProof(sidecar.kzgCommitments().hashTreeRoot(), sidecar.kzgCommitmentsInclusionProof().asList(),
        sidecar.signedBlockHeader().message());
  }

  /** {@code verify_partial_data_column_header_inclusion_proof}. */
  public boolean verifyPartialDataColumnHeaderInclusionProof(PartialDataColumnHeader header) {
    return inclusionProof(header.kzgCommitments().hashTreeRoot(), header.kzgCommitmentsInclusionProof().asList(),
        header.signedBlockHeader().message());
  }

  private boolean inclusionProof(Bytes32 leaf, List<Bytes32> branch, BeaconBlockHeader header) {
    return spec.predicates().isValidMerkleBranch(leaf, branch, spec.config().kzgCommitmentsInclusionProofDepth(),
        BeaconBlockBody.BLOB_KZG_COMMITMENTS, header.bodyRoot());
  }

  /** {@code verify_partial_data_column_sidecar_kzg_proofs(sidecar, all_commitments, column_index)}. */
  public boolean verifyPartialDataColumnSidecarKzgProofs(PartialDataColumnSidecar sidecar, List<Bytes48> allCommitments,
      UInt64 columnIndex) {
    List<Bytes> commitments = new ArrayList<>();
    var bitmap = sidecar.cellsPresentBitmap();
    for (int i = 0; i < bitmap.length(); i++) {
      if (bitmap.get(i)) {
        if (i >= allCommitments.size()) {
          return false;
        }
        commitments.add(allCommitments.get(i));
      }
    }
    long[] cellIndices = new long[commitments.size()];
    Arrays.fill(cellIndices, columnIndex.longValue());
    return Kzg.verifyCellKzgProofBatch(commitments, cellIndices, sidecar.partialColumn().asList(),
        sidecar.kzgProofs().asList());
  }
}
