package io.edvt.node.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edvt.node.execution.http.JwtSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback HTTP server that answers Engine API requests the way an execution client does, from
 * recorded answers: it checks the JWT as execution clients do (HS256 under the secret, {@code iat}
 * within 60 s, else HTTP 401), then answers each method with what the test set up (a JSON-RPC
 * answer whose {@code id} it fills in, a hang, or a dropped connection). It records the requests.
 */
final class FakeExecutionClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = "/io/edvt/node/execution/engine-api/";

  /** What the server does with one request. */
  sealed interface Reply {}

  /** Answers with this JSON-RPC object (its {@code id} replaced by the request's). */
  record Answer(ObjectNode body) implements Reply {}

  /** Answers with this HTTP status and raw body. */
  record Raw(int status, String body) implements Reply {}

  /** Never answers (until the server closes). */
  record Hang() implements Reply {}

  /** Closes the connection without answering. */
  record Drop() implements Reply {}

  /** Waits until {@code release} opens, then closes the connection without answering. */
  record DropWhen(CountDownLatch release) implements Reply {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final JwtSecret secret;
  private final Map<String, Function<JsonNode, Reply>> methods = new ConcurrentHashMap<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  FakeExecutionClient(JwtSecret secret) {
    this.secret = secret;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code method} with {@code reply}. */
  FakeExecutionClient on(String method, Function<JsonNode, Reply> reply) {
    methods.put(method, reply);
    return this;
  }

  /** Answers {@code method} with the JSON-RPC object in fixture file {@code name}. */
  FakeExecutionClient onFixture(String method, String name) {
    ObjectNode body = fixture(name);
    return on(method, request -> new Answer(body.deepCopy()));
  }

  /** Answers {@code method} with {@code {"result": result}} (JSON text). */
  FakeExecutionClient onResult(String method, String result) {
    return on(method, request -> new Answer(parse("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":" + result + "}")));
  }

  /** Answers {@code method} with a JSON-RPC error. */
  FakeExecutionClient onError(String method, int code, String message) {
    return on(method, request -> new Answer(parse(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}")));
  }

  /** The requests received, oldest first (only those with a valid JWT). */
  List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  static ObjectNode fixture(String name) {
    try (InputStream in = FakeExecutionClient.class.getResourceAsStream(FIXTURES + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + FIXTURES + name);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!validJwt(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, "{\"message\":\"Unauthorized\"}");
        return;
      }
      JsonNode request = JSON.readTree(body);
      requests.add(request);
      Function<JsonNode, Reply> method = methods.get(request.path("method").asText());
      Reply reply = method != null ? method.apply(request) : new Answer(parse(
          "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}"));
      switch (reply) {
        case Answer answer -> {
          answer.body().set("id", request.get("id"));
          send(exchange, 200, JSON.writeValueAsString(answer.body()));
        }
        case Raw raw -> send(exchange, raw.status(), raw.body());
        case Hang hang -> {
          try {
            closed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        case Drop drop -> {
          // closing the exchange before any response headers closes the connection
        }
        case DropWhen dropWhen -> {
          try {
            dropWhen.release().await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** The check execution clients make: {@code Bearer} HS256 JWT under the secret with {@code iat} within 60 s. */
  private boolean validJwt(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String[] parts = authorization.substring("Bearer ".length()).split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(b64.decode(parts[0]));
      JsonNode claims = JSON.readTree(b64.decode(parts[1]));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HexFormat.of().parseHex(secret.toHex()), "HmacSHA256"));
      byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      long age = Math.abs(Instant.now().getEpochSecond() - claims.path("iat").asLong(Long.MIN_VALUE / 2));
      return "HS256".equals(header.path("alg").asText())
          && MessageDigest.isEqual(expected, b64.decode(parts[2]))
          && age <= 60;
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
