package io.edvt.node.execution;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@code engine_forkchoiceUpdated}: the status of the head payload, and the id of
 * the build process it started when payload attributes were given and the head is {@code VALID}.
 */
public record ForkchoiceUpdatedResult(PayloadStatus payloadStatus, Optional<PayloadId> payloadId) {
  public ForkchoiceUpdatedResult {
    Objects.requireNonNull(payloadStatus, "payloadStatus");
    Objects.requireNonNull(payloadId, "payloadId");
  }
}
