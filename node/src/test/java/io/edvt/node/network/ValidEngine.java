package io.edvt.node.network;

import io.edvt.node.execution.BlobAndProofs;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineResponse;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.GetPayloadResponse;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadId;
import io.edvt.node.execution.PayloadStatus;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An execution engine that finds every payload VALID (the fixtures' payloads are not real EL
 * blocks); its other calls are unsupported unless a test overrides them.
 */
public class ValidEngine implements EngineApi {
  @Override
  public CompletableFuture<EngineResponse<PayloadStatus>> newPayloadV4(NewPayloadRequest request) {
    return CompletableFuture.completedFuture(EngineResponse.ok(PayloadStatus.valid(request.executionPayload().blockHash())));
  }

  @Override
  public CompletableFuture<EngineResponse<List<String>>> exchangeCapabilities(List<String> methods) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> forkchoiceUpdatedV3(ForkchoiceState state,
      Optional<PayloadAttributes> attributes) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV4(PayloadId id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV5(PayloadId id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<EngineResponse<Optional<List<BlobAndProofs>>>> getBlobsV2(List<Bytes32> hashes) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
