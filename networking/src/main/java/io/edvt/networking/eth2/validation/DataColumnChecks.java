package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnHeader;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnSidecar;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The sidecar checks of Fulu's p2p-interface that need no store: {@code verify_data_column_sidecar},
 * {@code verify_data_column_sidecar_kzg_proofs}, {@code verify_data_column_sidecar_inclusion_proof},
 * and the partial-columns document's {@code verify_partial_data_column_header_inclusion_proof} and
 * {@code verify_partial_data_column_sidecar_kzg_proofs}.
 */
public final class DataColumnChecks {
  private final DataColumnSidecarVerifier sidecars;

  public DataColumnChecks(SpecFulu spec) {
    this.sidecars = new DataColumnSidecarVerifier(spec);
  }

  /** {@code verify_data_column_sidecar} (the spec's, shared with fork choice's availability check). */
  public boolean verifyDataColumnSidecar(DataColumnSidecar sidecar) {
    return sidecars.verifyDataColumnSidecar(sidecar);
  }

  /** {@code verify_data_column_sidecar_kzg_proofs}. */
  public boolean verifyDataColumnSidecarKzgProofs(DataColumnSidecar sidecar) {
    return sidecars.verifyDataColumnSidecarKzgProofs(sidecar);
  }

  /** {@code verify_data_column_sidecar_inclusion_proof}. */
  public boolean verifyDataColumnSidecarInclusionProof(DataColumnSidecar sidecar) {
    return sidecars.verifyDataColumnSidecarInclusionProof(sidecar);
  }

  /** {@code verify_partial_data_column_header_inclusion_proof}: the same branch as a full sidecar's. */
  public boolean verifyPartialDataColumnHeaderInclusionProof(PartialDataColumnHeader header) {
    return sidecars.verifyKzgCommitmentsInclusionProof(header.kzgCommitments().hashTreeRoot(),
        header.kzgCommitmentsInclusionProof().asList(), header.signedBlockHeader().message());
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
