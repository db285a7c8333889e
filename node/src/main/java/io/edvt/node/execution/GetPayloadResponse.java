package io.edvt.node.execution;

import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import java.util.Objects;

/**
 * The answer to {@code engine_getPayloadV4}/{@code V5}, the spec's {@code GetPayloadResponse}:
 * the payload, what it pays the fee recipient, its blobs, and the requests it makes of the
 * consensus layer, as the SSZ values a block body carries.
 *
 * @param blockValue the expected value, in wei, for the fee recipient
 * @param shouldOverrideBuilder the execution client's hint to prefer this payload over a builder's
 */
public record GetPayloadResponse(
    ExecutionPayload executionPayload,
    UInt256 blockValue,
    BlobsBundle blobsBundle,
    boolean shouldOverrideBuilder,
    ExecutionRequests executionRequests) {
  public GetPayloadResponse {
    Objects.requireNonNull(executionPayload, "executionPayload");
    Objects.requireNonNull(blockValue, "blockValue");
    Objects.requireNonNull(blobsBundle, "blobsBundle");
    Objects.requireNonNull(executionRequests, "executionRequests");
  }
}
