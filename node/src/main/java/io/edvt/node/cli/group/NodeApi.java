package io.edvt.node.cli.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.cli.InputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few Beacon API calls {@code edvt group} makes against {@code --beacon-node-api-endpoint}. A
 * node that does not answer, or refuses a read, is an {@link InputException} naming the endpoint
 * and the node's message; a refused submission is returned ({@link Submitted}) for the command to
 * report.
 */
final class NodeApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A submission's answer: the status and the node's message when it refused (empty on success). */
  record Submitted(int status, String message) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  NodeApi(String endpoint) {
    String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    try {
      this.base = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new InputException("--beacon-node-api-endpoint " + endpoint + ": not a URL (" + e.getMessage() + ")");
    }
    if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
      throw new InputException("--beacon-node-api-endpoint " + endpoint + ": not an http(s) URL");
    }
  }

  /** The {@code data} of a 200 answer to {@code GET path}. */
  JsonNode data(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "application/json"));
    if (r.statusCode() != 200) {
      throw new InputException(base + path + ": " + r.statusCode() + " " + message(r.body()));
    }
    try {
      return JSON.readTree(r.body()).get("data");
    } catch (IOException e) {
      throw new InputException(base + path + ": the answer is not JSON");
    }
  }

  Submitted post(String path, JsonNode body) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    return new Submitted(r.statusCode(), r.statusCode() / 100 == 2 ? "" : message(r.body()));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new InputException("the beacon node at " + base + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted while calling " + base);
    }
  }

  private static String message(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      return json.has("message") ? json.get("message").asText() : body;
    } catch (IOException e) {
      return body;
    }
  }
}
