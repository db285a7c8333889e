package io.edvt.node.execution.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.node.execution.BlobAndProofs;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineError;
import io.edvt.node.execution.EngineFailure.Offline;
import io.edvt.node.execution.EngineFailure;
import io.edvt.node.execution.EngineResponse;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.GetPayloadResponse;
import io.edvt.node.execution.GetPayloadVersion;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadId;
import io.edvt.node.execution.PayloadStatus;
import io.edvt.node.execution.json.EngineHex;
import io.edvt.node.execution.json.EngineJson;
import io.edvt.node.execution.json.JsonFieldException;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The Engine API of an execution client over HTTP JSON-RPC, authenticated with a fresh HS256 JWT
 * on every request (execution-apis authentication.md).
 *
 * <p>Each method waits at most its spec timeout (common.md and the method's section: 8 s for
 * {@code newPayload} and {@code forkchoiceUpdated}, 1 s for {@code getPayload},
 * {@code getBlobs} and {@code exchangeCapabilities}), counted from the call to the whole answer.
 * Failures become {@link EngineFailure} values (see {@link EngineApi}): HTTP 401/403 is
 * {@link EngineFailure.Unauthorized}; a refused or broken connection or a timeout is
 * {@link EngineFailure.Offline}; a JSON-RPC error object is {@link EngineFailure.RpcError}; an
 * answer that is not JSON-RPC or whose result does not decode is
 * {@link EngineFailure.BadResponse}, naming the method and the JSON path.
 *
 * <p>A change between answering, offline and refusing the JWT is logged once, not per call.
 */
public final class HttpEngineApi implements EngineApi {
  /** {@code engine_exchangeCapabilities}: 1 s. */
  public static final Duration CAPABILITIES_TIMEOUT = Duration.ofSeconds(1);
  /** {@code engine_forkchoiceUpdated*}: 8 s. */
  public static final Duration FORKCHOICE_UPDATED_TIMEOUT = Duration.ofSeconds(8);
  /** {@code engine_newPayload*}: 8 s. */
  public static final Duration NEW_PAYLOAD_TIMEOUT = Duration.ofSeconds(8);
  /** {@code engine_getPayload*}: 1 s. */
  public static final Duration GET_PAYLOAD_TIMEOUT = Duration.ofSeconds(1);
  /** {@code engine_getBlobs*}: 1 s. */
  public static final Duration GET_BLOBS_TIMEOUT = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(HttpEngineApi.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** How much of an unexpected body a failure quotes. */
  private static final int QUOTE = 200;

  private final URI endpoint;
  private final JwtTokens tokens;
  private final EngineJson json;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();
  private final Availability availability;
  private final GetPayloadVersion payloadVersion;

  /**
   * A client of the execution client at {@code endpoint} ({@code http://host:8551}), signing with
   * {@code tokens} and reading payloads into the types of {@code json}'s schemas.
   */
  public HttpEngineApi(URI endpoint, JwtTokens tokens, EngineJson json) {
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.json = json;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(NEW_PAYLOAD_TIMEOUT)
        .build();
    this.availability = new Availability(endpoint);
    this.payloadVersion = new GetPayloadVersion(endpoint);
  }

  /** Where this client sends its requests. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public CompletableFuture<EngineResponse<List<String>>> exchangeCapabilities(List<String> consensusMethods) {
    ArrayNode params = NODES.arrayNode();
    ArrayNode methods = params.addArray();
    consensusMethods.forEach(methods::add);
    return call(EXCHANGE_CAPABILITIES, params, CAPABILITIES_TIMEOUT, result -> json.strings(result, "result"));
  }

  @Override
  public CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> forkchoiceUpdatedV3(
      ForkchoiceState state, Optional<PayloadAttributes> attributes) {
    return call(FORKCHOICE_UPDATED_V3, json.forkchoiceUpdatedParams(state, attributes), FORKCHOICE_UPDATED_TIMEOUT,
        result -> json.forkchoiceUpdatedResult(result, "result"));
  }

  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV4(PayloadId payloadId) {
    return getPayload(GET_PAYLOAD_V4, payloadId, BlobsBundle.Version.V1);
  }

  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV5(PayloadId payloadId) {
    return getPayload(GET_PAYLOAD_V5, payloadId, BlobsBundle.Version.V2);
  }

  /** V5, or V4 when this execution client's capabilities stop at Prague ({@link GetPayloadVersion}). */
  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayload(PayloadId payloadId) {
    return payloadVersion.getPayload(this, payloadId);
  }

  private CompletableFuture<EngineResponse<GetPayloadResponse>> getPayload(
      String method, PayloadId payloadId, BlobsBundle.Version version) {
    ArrayNode params = NODES.arrayNode().add(EngineHex.data(payloadId.bytes()));
    return call(method, params, GET_PAYLOAD_TIMEOUT, result -> json.getPayloadResponse(result, "result", version));
  }

  @Override
  public CompletableFuture<EngineResponse<PayloadStatus>> newPayloadV4(NewPayloadRequest request) {
    return call(NEW_PAYLOAD_V4, json.newPayloadParams(request), NEW_PAYLOAD_TIMEOUT,
        result -> json.payloadStatus(result, "result"));
  }

  @Override
  public CompletableFuture<EngineResponse<Optional<List<BlobAndProofs>>>> getBlobsV2(List<Bytes32> versionedHashes) {
    ArrayNode params = NODES.arrayNode();
    params.add(json.dataArray(versionedHashes));
    return call(GET_BLOBS_V2, params, GET_BLOBS_TIMEOUT,
        result -> json.blobsAndProofs(result, "result", versionedHashes.size()));
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  @Override
  public String toString() {
    return "execution engine at " + endpoint;
  }

  // ------------------------------------------------------------------------------- JSON-RPC

  private <T> CompletableFuture<EngineResponse<T>> call(
      String method, ArrayNode params, Duration timeout, Function<JsonNode, T> readResult) {
    long id = ids.incrementAndGet();
    ObjectNode body = NODES.objectNode();
    body.put("jsonrpc", "2.0");
    body.put("id", id);
    body.put("method", method);
    body.set("params", params);
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(endpoint)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + tokens.token())
          .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the JSON of " + method, e);
    }
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      // a closed client, or a request the JDK refuses before sending it
      return CompletableFuture.completedFuture(EngineResponse.failed(
          new Offline(Offline.Reason.UNREACHABLE, method + ": " + e)));
    }
    EngineFailure timedOut = new Offline(Offline.Reason.TIMED_OUT, method + ": no answer within " + timeout.toMillis() + " ms");
    return sent
        .handle((response, error) -> error != null
            ? EngineResponse.<T>failed(failure(method, timeout, unwrap(error)))
            : answer(method, id, response, readResult))
        .completeOnTimeout(EngineResponse.failed(timedOut), timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((response, error) -> {
          sent.cancel(true);
          if (response != null) {
            response.failureReason().ifPresentOrElse(availability::failed, availability::answered);
          }
        });
  }

  private <T> EngineResponse<T> answer(String method, long id, HttpResponse<byte[]> response, Function<JsonNode, T> readResult) {
    int status = response.statusCode();
    String text = quote(response.body());
    if (status == 401 || status == 403) {
      return EngineResponse.failed(new EngineFailure.Unauthorized(status, text));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(response.body());
    } catch (IOException e) {
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": HTTP " + status + ", not JSON: " + text));
    }
    if (root == null || !root.isObject()) {
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": HTTP " + status + ", not a JSON-RPC object: " + text));
    }
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      // JSON-RPC errors come with 200 from most clients, with 4xx/5xx from some: the object says what happened
      return EngineResponse.failed(rpcError(error));
    }
    if (status / 100 != 2) {
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": HTTP " + status + ": " + text));
    }
    JsonNode answeredId = root.get("id");
    if (answeredId == null || !answeredId.canConvertToLong() || answeredId.asLong() != id) {
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": answer to request " + id + " has id " + answeredId));
    }
    if (!root.has("result")) {
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": neither result nor error in " + text));
    }
    try {
      return EngineResponse.ok(readResult.apply(root.get("result")));
    } catch (JsonFieldException | IllegalArgumentException e) {
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": " + e.getMessage()));
    } catch (RuntimeException e) {
      // a result this reader did not foresee must not escape as an exception either
      return EngineResponse.failed(new EngineFailure.BadResponse(method + ": cannot read the result: " + e));
    }
  }

  private static EngineFailure.RpcError rpcError(JsonNode error) {
    int code = error.path("code").asInt(0);
    String message = error.path("message").asText("");
    JsonNode data = error.get("data");
    if (data != null && !data.isNull()) {
      // -32000 carries {"err": "..."}; others may carry anything
      message = message + " (" + (data.has("err") ? data.get("err").asText() : quote(data.toString())) + ")";
    }
    return new EngineFailure.RpcError(EngineError.of(code), code, message);
  }

  private static EngineFailure failure(String method, Duration timeout, Throwable error) {
    String detail = method + ": " + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    if (error instanceof HttpConnectTimeoutException || error instanceof ConnectException) {
      return new Offline(Offline.Reason.UNREACHABLE, detail);
    }
    if (error instanceof HttpTimeoutException) {
      return new Offline(Offline.Reason.TIMED_OUT, method + ": no answer within " + timeout.toMillis() + " ms");
    }
    if (error instanceof IOException || error instanceof CancellationException) {
      return new Offline(Offline.Reason.CONNECTION_LOST, detail);
    }
    return new Offline(Offline.Reason.UNREACHABLE, detail);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    // the JDK wraps a refused connection as IOException(ConnectException) in some versions
    if (e instanceof IOException && e.getCause() instanceof ConnectException connect) {
      return connect;
    }
    return e;
  }

  /** The start of {@code body} as one line (an answer can hold megabytes of blobs). */
  private static String quote(byte[] body) {
    return quote(new String(body, 0, Math.min(body.length, 4 * QUOTE), StandardCharsets.UTF_8));
  }

  private static String quote(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= QUOTE ? oneLine : oneLine.substring(0, QUOTE - 3) + "...";
  }

  /** Logs when the execution client stops or starts answering, once per change. */
  private static final class Availability {
    private final URI endpoint;
    private String lastFailureKind;

    Availability(URI endpoint) {
      this.endpoint = endpoint;
    }

    synchronized void answered() {
      if (lastFailureKind != null) {
        LOG.log(System.Logger.Level.INFO, "Execution engine at {0} answers again", endpoint);
        lastFailureKind = null;
      }
    }

    synchronized void failed(EngineFailure failure) {
      String kind = switch (failure) {
        case Offline ignored -> "offline";
        case EngineFailure.Unauthorized ignored -> "unauthorized";
        // the engine answered: it is up, whatever it thought of the request
        case EngineFailure.RpcError ignored -> null;
        case EngineFailure.BadResponse ignored -> null;
      };
      if (kind == null) {
        answered();
      } else if (!kind.equals(lastFailureKind)) {
        LOG.log(kind.equals("offline") ? System.Logger.Level.WARNING : System.Logger.Level.ERROR,
            "Execution engine at {0}: {1}", endpoint, failure.describe());
        lastFailureKind = kind;
      }
    }
  }
}
