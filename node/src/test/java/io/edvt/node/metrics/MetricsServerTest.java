package io.edvt.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.node.config.MetricsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A chain at slot 97 with 4 peers, as the chain and the peer manager would report it. */
  private static final BeaconMetricsSource CHAIN = new BeaconMetricsSource() {
    @Override public long headSlot() { return 97; }
    @Override public long finalizedEpoch() { return 10; }
    @Override public long currentJustifiedEpoch() { return 11; }
    @Override public long previousJustifiedEpoch() { return 10; }
    @Override public long currentActiveValidators() { return 64; }
    @Override public long processedDeposits() { return 64; }
    @Override public long peerCount() { return 4; }
  };

  private static MetricsRegistry nodeRegistry() {
    MetricsRegistry registry = new MetricsRegistry();
    BeaconInteropMetrics interop = BeaconInteropMetrics.register(registry, CHAIN);
    interop.reorgs().inc();
    interop.reorgs().inc();
    JvmMetrics.register(registry);
    Histogram blockImport = registry.histogram(MetricCategory.BEACON, "beacon_block_import_seconds",
        "Time to import a block", new double[] {0.1, 0.5, 1}, "fork");
    blockImport.observe(0.05, "edvt");
    blockImport.observe(0.3, "edvt");
    blockImport.observe(7, "edvt");
    Counter gossip = registry.counter(MetricCategory.NETWORK, "network_gossip_messages_total", "Gossip messages",
        "topic", "result");
    gossip.inc("beacon_block", "accept");
    gossip.add(3, "beacon_attestation_1", "ignore");
    return registry;
  }

  private static MetricsConfig config(List<String> allowlist, Set<MetricCategory> categories) {
    return new MetricsConfig(true, "127.0.0.1", 0, allowlist, categories);
  }

  private static HttpResponse<String> get(MetricsServer server, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEndpointServesPrometheusTextWithTheInteropMetricsAndJvmMetrics() throws Exception {
    try (MetricsServer server = MetricsServer.start(config(List.of("*"), EnumSet.allOf(MetricCategory.class)), nodeRegistry())) {
      HttpResponse<String> r = get(server, "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
      PrometheusText text = PrometheusText.parse(r.body());

      assertThat(text.types).containsEntry("libp2p_peers", "gauge").containsEntry("beacon_head_slot", "gauge")
          .containsEntry("beacon_finalized_epoch", "gauge").containsEntry("beacon_current_justified_epoch", "gauge")
          .containsEntry("beacon_previous_justified_epoch", "gauge").containsEntry("beacon_current_active_validators", "gauge")
          .containsEntry("beacon_reorgs_total", "counter").containsEntry("beacon_processed_deposits_total", "gauge");
      assertThat(text.value("beacon_head_slot", Map.of())).isEqualTo(97);
      assertThat(text.value("beacon_current_justified_epoch", Map.of())).isEqualTo(11);
      assertThat(text.value("libp2p_peers", Map.of())).isEqualTo(4);
      assertThat(text.value("beacon_reorgs_total", Map.of())).isEqualTo(2);

      assertThat(text.types).containsEntry("jvm_threads_current", "gauge").containsEntry("process_cpu_seconds_total", "counter");
      assertThat(text.value("jvm_memory_bytes_used_heap", Map.of())).isPositive();

      assertThat(text.value("beacon_block_import_seconds_bucket", Map.of("fork", "edvt", "le", "0.1"))).isEqualTo(1);
      assertThat(text.value("beacon_block_import_seconds_bucket", Map.of("fork", "edvt", "le", "0.5"))).isEqualTo(2);
      assertThat(text.value("beacon_block_import_seconds_bucket", Map.of("fork", "edvt", "le", "+Inf"))).isEqualTo(3);
      assertThat(text.value("beacon_block_import_seconds_count", Map.of("fork", "edvt"))).isEqualTo(3);
      assertThat(text.value("beacon_block_import_seconds_sum", Map.of("fork", "edvt"))).isEqualTo(7.35);
      assertThat(text.value("network_gossip_messages_total", Map.of("topic", "beacon_attestation_1", "result", "ignore")))
          .isEqualTo(3);
    }
  }

  @Test
  void metricsCategoriesFilterWhatIsExported() throws Exception {
    try (MetricsServer server = MetricsServer.start(config(List.of("*"), EnumSet.of(MetricCategory.LIBP2P, MetricCategory.JVM)),
        nodeRegistry())) {
      PrometheusText text = PrometheusText.parse(get(server, "/metrics").body());
      assertThat(text.types).containsKey("libp2p_peers").containsKey("jvm_threads_current")
          .doesNotContainKey("beacon_head_slot").doesNotContainKey("process_cpu_seconds_total")
          .doesNotContainKey("network_gossip_messages_total");
    }
  }

  @Test
  void aHostNotOnTheAllowlistGets403AndOtherPathsGet404() throws Exception {
    try (MetricsServer server = MetricsServer.start(config(List.of("localhost", "127.0.0.1"), EnumSet.allOf(MetricCategory.class)),
        nodeRegistry())) {
      int port = server.address().getPort();
      assertThat(rawStatus(port, "127.0.0.1:" + port)).isEqualTo(200);
      assertThat(rawStatus(port, "localhost")).isEqualTo(200);
      assertThat(rawStatus(port, "evil.example:" + port)).isEqualTo(403);
      assertThat(rawStatus(port, null)).isEqualTo(403);
      assertThat(get(server, "/").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theRegistryRefusesAFamilyTwiceAndBadNames() {
    MetricsRegistry registry = new MetricsRegistry();
    BeaconInteropMetrics.register(registry, CHAIN);
    assertThatThrownBy(() -> registry.gauge(MetricCategory.BEACON, "beacon_head_slot", "again", () -> 1))
        .hasMessage("metric beacon_head_slot is registered twice");
    assertThatThrownBy(() -> registry.counter(MetricCategory.BEACON, "beacon-blocks", "x")).hasMessageContaining("not a Prometheus metric name");
    Counter c = registry.counter(MetricCategory.BEACON, "beacon_x_total", "x", "kind");
    assertThatThrownBy(() -> c.inc()).hasMessageContaining("expected 1 label values [kind], got 0");
    assertThatThrownBy(() -> c.add(-1, "a")).hasMessageContaining("cannot go down");
  }

  @Test
  void labelValuesAreEscaped() {
    MetricsRegistry registry = new MetricsRegistry();
    registry.gauge(MetricCategory.NETWORK, "network_agent", "Peer agents", "agent").set(1, "teku \"v1\"\\n");
    String text = registry.scrape(EnumSet.allOf(MetricCategory.class));
    assertThat(text).contains("network_agent{agent=\"teku \\\"v1\\\"\\\\n\"} 1\n");
    assertThat(PrometheusText.parse(text).samples).hasSize(1);
  }

  /** The status of GET /metrics sent with exactly this Host header (none if null), over a plain socket. */
  private static int rawStatus(int port, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      String request = "GET /metrics HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }
}
