package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The few Beacon API reads (and the registrations' submission) the devnet makes, against {@code http://127.0.0.1:<port>}. */
final class BeaconApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** An answer: the status (0 when the node did not answer) and the body's JSON when it was 200. */
  record Answer(int status, Optional<JsonNode> json) {
    static final Answer NONE = new Answer(0, Optional.empty());

    JsonNode data() {
      return json.map(j -> j.get("data")).orElse(null);
    }
  }

  CompletableFuture<Answer> get(int port, String path, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
        .header("Accept", "application/json").build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, failure) -> {
      if (failure != null || r == null) {
        return Answer.NONE;
      }
      if (r.statusCode() != 200) {
        return new Answer(r.statusCode(), Optional.empty());
      }
      try {
        return new Answer(200, Optional.of(JSON.readTree(r.body())));
      } catch (IOException e) {
        return new Answer(r.statusCode(), Optional.empty());
      }
    });
  }

  /** A {@code POST} of {@code body}: the status (0 when the node did not answer) and the body's text. */
  record Posted(int status, String body) {}

  Posted post(int port, String path, JsonNode body, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Posted(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Posted(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Posted(0, "interrupted");
    }
  }

  Answer getNow(int port, String path, Duration timeout) {
    return get(port, path, timeout).join();
  }
}
