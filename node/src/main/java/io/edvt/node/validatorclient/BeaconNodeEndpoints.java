package io.edvt.node.validatorclient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The beacon nodes a validator client talks to ({@code --beacon-node-api-endpoint=<url>[,<url>]}),
 * in order of preference: each request goes to the first, and to the next when one fails as a
 * node fails (the connection refused or reset, no answer within the timeout, a 5xx). A 4xx is the
 * request's fault, not the node's: it is returned, not retried elsewhere. The endpoint that last
 * answered is logged when it changes, so an operator sees a failover once, not per request.
 */
final class BeaconNodeEndpoints {
  private static final System.Logger LOG = System.getLogger(BeaconNodeEndpoints.class.getName());

  /** An answer: its status, body and the {@code Eth-Consensus-Version} header, if any. */
  record Response(int status, byte[] body, Optional<String> consensusVersion) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  /** Every endpoint failed as a node fails; the message lists each one's failure. */
  static final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message);
    }
  }

  private final List<URI> endpoints;
  private final HttpClient http;
  private final Duration timeout;
  private final AtomicInteger answering = new AtomicInteger(-1);

  BeaconNodeEndpoints(List<URI> endpoints, Duration timeout) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no beacon node endpoint given");
    }
    this.endpoints = List.copyOf(endpoints);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  List<URI> endpoints() {
    return endpoints;
  }

  Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, Map.of());
  }

  Response post(String path, byte[] json, Map<String, String> headers) {
    return send("POST", path, json, headers);
  }

  private Response send(String method, String pathAndQuery, byte[] json, Map<String, String> headers) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      URI base = endpoints.get(i);
      HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, pathAndQuery)).timeout(timeout)
          .header("Accept", "application/json");
      headers.forEach(request::header);
      if (json != null) {
        request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      try {
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 500) {
          failures.add(base + ": " + r.statusCode() + " " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
          continue;
        }
        answeredBy(i);
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Eth-Consensus-Version"));
      } catch (IOException e) {
        failures.add(base + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while waiting for " + base);
      }
    }
    answering.set(-1);
    throw new UnavailableException(method + " " + pathAndQuery + ": no beacon node answered: " + String.join("; ", failures));
  }

  private void answeredBy(int index) {
    int before = answering.getAndSet(index);
    if (before != index) {
      LOG.log(index == 0 ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "Using beacon node {0}{1}",
          endpoints.get(index), index == 0 ? "" : " (the ones before it failed)");
    }
  }

  /** {@code base} with {@code pathAndQuery} appended (a base path such as {@code http://host/prefix} is kept). */
  private static URI resolve(URI base, String pathAndQuery) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) + pathAndQuery : b + pathAndQuery);
  }
}
