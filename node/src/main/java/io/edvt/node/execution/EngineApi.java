package io.edvt.node.execution;

import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The Engine API methods this node calls (execution-apis {@code src/engine}, Paris to Osaka), one
 * Java method per JSON-RPC method and version. Two implementations answer them: an execution
 * client over HTTP with JWT ({@code http.HttpEngineApi}, when {@code --ee-endpoint} is given) and
 * the deterministic engine inside the node ({@code embedded.EmbeddedEngine}, for local devnets);
 * {@link ExecutionEngines#create} picks one, and the rest of the node does not know which.
 *
 * <p>Every method returns at once. Its future completes with an {@link EngineResponse}: the result,
 * or an {@link EngineFailure} (a JSON-RPC error, a refused JWT, an execution client that is
 * offline or did not answer within the method's spec timeout, a malformed answer). The futures
 * never complete exceptionally, and they complete on the HTTP client's threads (or at once, for
 * the embedded engine): callers that own a thread hand the continuation back to it.
 *
 * <p>Which version a fork uses: Fulu and EDVT (Osaka on the execution side) call
 * {@code forkchoiceUpdatedV3}, {@code newPayloadV4}, {@code getPayloadV5} and
 * {@code getBlobsV2}; {@code getPayloadV4} is Prague's, for execution clients that stop there
 * ({@link #getPayload} picks between the two).
 */
public interface EngineApi extends AutoCloseable {
  /** {@code engine_exchangeCapabilities}. */
  String EXCHANGE_CAPABILITIES = "engine_exchangeCapabilities";
  /** {@code engine_forkchoiceUpdatedV3}. */
  String FORKCHOICE_UPDATED_V3 = "engine_forkchoiceUpdatedV3";
  /** {@code engine_getPayloadV4}. */
  String GET_PAYLOAD_V4 = "engine_getPayloadV4";
  /** {@code engine_getPayloadV5}. */
  String GET_PAYLOAD_V5 = "engine_getPayloadV5";
  /** {@code engine_newPayloadV4}. */
  String NEW_PAYLOAD_V4 = "engine_newPayloadV4";
  /** {@code engine_getBlobsV2}. */
  String GET_BLOBS_V2 = "engine_getBlobsV2";

  /** The methods this node can call, as it announces them in {@code engine_exchangeCapabilities}. */
  List<String> CONSENSUS_METHODS =
      List.of(FORKCHOICE_UPDATED_V3, GET_PAYLOAD_V4, GET_PAYLOAD_V5, NEW_PAYLOAD_V4, GET_BLOBS_V2);

  /**
   * {@code engine_exchangeCapabilities} (common.md; timeout 1 s): tells the execution client the
   * methods this node calls, and returns the methods it serves.
   */
  CompletableFuture<EngineResponse<List<String>>> exchangeCapabilities(List<String> consensusMethods);

  /**
   * {@code engine_forkchoiceUpdatedV3} (cancun.md; timeout 8 s): moves the execution client's head,
   * safe and finalized blocks, and with {@code attributes} starts building a payload on the head.
   * A head it does not know answers {@code SYNCING} and starts no build.
   */
  CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> forkchoiceUpdatedV3(
      ForkchoiceState state, Optional<PayloadAttributes> attributes);

  /**
   * {@code engine_getPayloadV4} (prague.md; timeout 1 s): the payload of a build process, with a
   * {@code BlobsBundleV1}. An unknown id fails with {@link EngineError#UNKNOWN_PAYLOAD}.
   */
  CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV4(PayloadId payloadId);

  /**
   * {@code engine_getPayloadV5} (osaka.md; timeout 1 s): the payload of a build process, with a
   * {@code BlobsBundleV2} of cell proofs. An unknown id fails with {@link EngineError#UNKNOWN_PAYLOAD}.
   */
  CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV5(PayloadId payloadId);

  /**
   * The payload of a build process for a Fulu or EDVT block: {@link #getPayloadV5}, or
   * {@link #getPayloadV4} from an execution client that stops at Prague ({@link GetPayloadVersion}
   * holds the rule). The default, for engines that serve V5 alone, is V5.
   */
  default CompletableFuture<EngineResponse<GetPayloadResponse>> getPayload(PayloadId payloadId) {
    return getPayloadV5(payloadId);
  }

  /**
   * {@code engine_newPayloadV4} (prague.md; timeout 8 s): the spec's {@code notify_new_payload}
   * with the block's blob versioned hashes, parent beacon block root and execution requests.
   */
  CompletableFuture<EngineResponse<PayloadStatus>> newPayloadV4(NewPayloadRequest request);

  /**
   * {@code engine_getBlobsV2} (osaka.md; timeout 1 s): the blobs and cell proofs of
   * {@code versionedHashes} from the execution client's pool, in the same order, or empty when any
   * of them is missing (the client answers all or nothing).
   */
  CompletableFuture<EngineResponse<Optional<List<BlobAndProofs>>>> getBlobsV2(List<Bytes32> versionedHashes);

  /** Releases connections and threads; calls after it fail. */
  @Override
  void close();
}
