package io.edvt.forkchoice.availability;

import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarVerifier;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Fulu's {@code is_data_available}: every retrieved column sidecar is well formed
 * ({@code verify_data_column_sidecar}) and its cells match the commitments
 * ({@code verify_data_column_sidecar_kzg_proofs}). When retrieval raises, the data is not
 * available.
 */
public final class FuluDataAvailability implements DataAvailability {
  private final ColumnSidecarRetriever retriever;
  private final DataColumnSidecarVerifier verifier;

  public FuluDataAvailability(ColumnSidecarRetriever retriever, DataColumnSidecarVerifier verifier) {
    this.retriever = retriever;
    this.verifier = verifier;
  }

  @Override
  public boolean isDataAvailable(Bytes32 beaconBlockRoot) {
    List<DataColumnSidecar> sidecars;
    try {
      sidecars = retriever.retrieveColumnSidecars(beaconBlockRoot);
    } catch (ColumnSidecarRetriever.DataUnavailableException e) {
      return false;
    }
    for (DataColumnSidecar sidecar : sidecars) {
      if (!verifier.verifyDataColumnSidecar(sidecar) || !verifier.verifyDataColumnSidecarKzgProofs(sidecar)) {
        return false;
      }
    }
    return true;
  }
}
