package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One API server per test JVM over {@link StorageNodeData} of the {@link ApiTestChain} (port 0 on
 * loopback, docs on, CORS for {@link #ORIGIN}), and a small HTTP client for it. The chain takes a
 * few seconds to build with real signatures, so every API test class shares it.
 */
public final class ApiFixture {
  static final String ORIGIN = "https://wallet.example";

  private static ApiFixture instance;

  final ApiTestChain chain;
  final StorageNodeData node;
  final ApiServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiFixture() {
    chain = ApiTestChain.get();
    node = StorageNodeData.of(chain, Set.of());
    node.pools().fillAttestationsFromHead();
    server = new ApiServer(ApiConfig.local(0).withCorsOrigins(List.of(ORIGIN)).withDocsEnabled(true), node).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }

  static synchronized ApiFixture get() {
    if (instance == null) {
      instance = new ApiFixture();
    }
    return instance;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<byte[]> post(String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    } else {
      b.header("Content-Type", "application/json");
    }
    return send(b.build());
  }

  HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpClient client() {
    return client;
  }

  /** The body of a 200 response as JSON; fails with the body when the status is another. */
  JsonNode json(String path) {
    HttpResponse<byte[]> r = get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + new String(r.body()));
    }
    return parse(r);
  }

  static JsonNode parse(HttpResponse<byte[]> r) {
    try {
      return ApiJson.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(r.body()), e);
    }
  }
}
