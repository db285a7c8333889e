package io.edvt.node.execution;

import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Engine API {@code PayloadStatusV1}: the answer to {@code engine_newPayload} and the
 * {@code payloadStatus} of {@code engine_forkchoiceUpdated}.
 *
 * @param status what the execution client concluded
 * @param latestValidHash the most recent valid block in the payload's branch, when the client
 *     names one (a zero hash means the last valid block is before the merge)
 * @param validationError the client's explanation of an {@code INVALID} or
 *     {@code INVALID_BLOCK_HASH}, if it gave one
 */
public record PayloadStatus(ExecutionStatus status, Optional<Bytes32> latestValidHash, Optional<String> validationError) {
  public PayloadStatus {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latestValidHash, "latestValidHash");
    Objects.requireNonNull(validationError, "validationError");
  }

  /** {@code {status: VALID, latestValidHash: blockHash, validationError: null}}. */
  public static PayloadStatus valid(Bytes32 blockHash) {
    return new PayloadStatus(ExecutionStatus.VALID, Optional.of(blockHash), Optional.empty());
  }

  /** {@code {status: SYNCING, latestValidHash: null, validationError: null}}. */
  public static PayloadStatus syncing() {
    return new PayloadStatus(ExecutionStatus.SYNCING, Optional.empty(), Optional.empty());
  }

  /** {@code {status: INVALID, latestValidHash: latestValidHash, validationError: error}}. */
  public static PayloadStatus invalid(Optional<Bytes32> latestValidHash, String error) {
    return new PayloadStatus(ExecutionStatus.INVALID, latestValidHash, Optional.of(error));
  }

  /** {@code {status: INVALID_BLOCK_HASH, latestValidHash: null, validationError: error}}. */
  public static PayloadStatus invalidBlockHash(String error) {
    return new PayloadStatus(ExecutionStatus.INVALID_BLOCK_HASH, Optional.empty(), Optional.of(error));
  }

  @Override
  public String toString() {
    return status + latestValidHash.map(h -> " latestValidHash=" + h).orElse("")
        + validationError.map(e -> " (" + e + ")").orElse("");
  }
}
