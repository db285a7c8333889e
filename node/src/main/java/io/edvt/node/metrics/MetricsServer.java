package io.edvt.node.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edvt.node.config.MetricsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus endpoint: {@code GET /metrics} on {@code --metrics-interface}:{@code --metrics-port}
 * answers the registry's families of the enabled categories in the text format. A request whose
 * {@code Host} is not on {@code --metrics-host-allowlist} gets 403, as in Teku: binding to
 * 0.0.0.0 then does not expose the endpoint to DNS-rebinding pages in a browser.
 */
public final class MetricsServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code registry} as {@code config} says (its {@code enabled} flag is the caller's to check). */
  public static MetricsServer start(MetricsConfig config, MetricsRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(config.interfaceAddress(), config.port()), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    HostAllowlist allowlist = new HostAllowlist(config.hostAllowlist());
    Set<MetricCategory> categories = config.categories();
    server.createContext("/", exchange -> {
      try (exchange) {
        if (!allowlist.allows(exchange.getRequestHeaders().getFirst("Host"))) {
          respond(exchange, 403, "text/plain; charset=utf-8", "Host not authorized.\n");
        } else if (!exchange.getRequestURI().getPath().equals("/metrics")) {
          respond(exchange, 404, "text/plain; charset=utf-8", "Not found: the metrics are at /metrics\n");
        } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          respond(exchange, 405, "text/plain; charset=utf-8", "Use GET\n");
        } else {
          respond(exchange, 200, CONTENT_TYPE, registry.scrape(categories));
        }
      }
    });
    server.start();
    return new MetricsServer(server, executor);
  }

  /** The address it listens on (the port the system picked for port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** {@code --*-host-allowlist}: host names (the Host header without its port), or {@code *} for any. */
  record HostAllowlist(List<String> hosts) {
    boolean allows(String hostHeader) {
      if (hosts.contains("*")) {
        return true;
      }
      if (hostHeader == null || hostHeader.isBlank()) {
        return false;
      }
      String host = hostHeader.strip();
      if (host.startsWith("[")) {
        int end = host.indexOf(']');
        host = end > 0 ? host.substring(1, end) : host;
      } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
        host = host.substring(0, host.indexOf(':'));
      }
      String h = host.toLowerCase(Locale.ROOT);
      return hosts.stream().anyMatch(allowed -> allowed.toLowerCase(Locale.ROOT).equals(h));
    }
  }
}
