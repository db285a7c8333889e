package io.edvt.forkchoice.availability;

import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code retrieve_column_sidecars(beacon_block_root)} (Fulu fork-choice): the column sidecars to
 * sample for a block. Implementation and context dependent: the node asks its peers, the
 * reference tests read the case's files.
 */
@FunctionalInterface
public interface ColumnSidecarRetriever {

  /** No sidecars (the test format's default when a step lists no columns). */
  ColumnSidecarRetriever NONE = root -> List.of();

  /**
   * The sidecars to sample for the block.
   *
   * @throws DataUnavailableException when not enough of them can be had
   */
  List<DataColumnSidecar> retrieveColumnSidecars(Bytes32 beaconBlockRoot);

  /** {@code retrieve_column_sidecars} raised: the data was not sampled. */
  final class DataUnavailableException extends RuntimeException {
    public DataUnavailableException(String message) {
      super(message);
    }
  }
}
