package io.edvt.node.execution;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which {@code engine_getPayload} version builds a Fulu or EDVT block's payload: Osaka's
 * {@code engine_getPayloadV5} when the execution client serves it, otherwise Prague's
 * {@code engine_getPayloadV4} (an execution client that stops at Prague, such as ethereumjs
 * 0.10.5). V4's blobs bundle has one KZG proof per blob where Fulu needs cell proofs, so a block
 * built through V4 can carry no blobs; the producer refuses a payload with blobs either way, as it
 * cannot publish data column sidecars yet.
 *
 * <p>The choice is made once per execution client from its {@code engine_exchangeCapabilities}
 * answer, at the first build, and logged once. Until the client has answered (it is offline, or
 * does not serve {@code exchangeCapabilities}), V5 is used and the exchange is tried again at the
 * next build.
 */
public final class GetPayloadVersion {
  private static final System.Logger LOG = System.getLogger(GetPayloadVersion.class.getName());

  private final URI endpoint;
  private final AtomicReference<String> chosen = new AtomicReference<>();

  /** For the execution client at {@code endpoint} (named in the log line). */
  public GetPayloadVersion(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The rule: V5 when {@code served} lists it, else V4 when it lists that, else V5 (the fork's own). */
  public static String choose(List<String> served) {
    if (served.contains(EngineApi.GET_PAYLOAD_V5)) {
      return EngineApi.GET_PAYLOAD_V5;
    }
    return served.contains(EngineApi.GET_PAYLOAD_V4) ? EngineApi.GET_PAYLOAD_V4 : EngineApi.GET_PAYLOAD_V5;
  }

  /** The payload of {@code payloadId} from {@code engine} with the version its capabilities allow. */
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayload(EngineApi engine, PayloadId payloadId) {
    return method(engine).thenCompose(method -> method.equals(EngineApi.GET_PAYLOAD_V4)
        ? engine.getPayloadV4(payloadId) : engine.getPayloadV5(payloadId));
  }

  private CompletableFuture<String> method(EngineApi engine) {
    String known = chosen.get();
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return engine.exchangeCapabilities(EngineApi.CONSENSUS_METHODS).thenApply(answer -> {
      if (!(answer instanceof EngineResponse.Ok<List<String>> ok)) {
        return EngineApi.GET_PAYLOAD_V5;
      }
      String method = choose(ok.value());
      if (chosen.compareAndSet(null, method)) {
        if (method.equals(EngineApi.GET_PAYLOAD_V5)) {
          LOG.log(System.Logger.Level.INFO, "Engine API at {0}: payloads with {1}", endpoint, method);
        } else {
          LOG.log(System.Logger.Level.WARNING, "Engine API at {0} does not serve {1} (Osaka): Fulu/EDVT payloads are "
              + "built with {2} (Prague), without blobs", endpoint, EngineApi.GET_PAYLOAD_V5, method);
        }
      }
      return chosen.get();
    });
  }
}
