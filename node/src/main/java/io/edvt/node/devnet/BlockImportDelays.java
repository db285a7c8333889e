package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * When each node imported each block, seen from outside: the devnet follows every node's
 * {@code block} events ({@code /eth/v1/events?topics=block}, sent once the block is imported) and
 * times each against the start of the block's slot. The delay so covers the proposer's production,
 * gossip over loopback, the node's import and the event's delivery; it is what decides whether an
 * attester at a third of the slot sees the block. A block that arrives by sync, long after its
 * slot (a node that joined late), counts with its real delay: it shows in p99 and the maximum.
 * Blocks a node imported before the devnet followed it are not counted.
 */
final class BlockImportDelays implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long genesisMillis;
  private final int slotMs;
  private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(readers).build();
  /** node -> slot -> delay in ms; the first event of a slot per node counts (two blocks of one slot: the first). */
  private final Map<Integer, Map<Long, Long>> delays = new ConcurrentHashMap<>();

  BlockImportDelays(long genesisMillis, int slotMs) {
    this.genesisMillis = genesisMillis;
    this.slotMs = slotMs;
  }

  /** Follows node {@code node}'s block events on {@code port} until the node or the devnet stops. */
  void follow(int node, int port) {
    delays.putIfAbsent(node, new ConcurrentHashMap<>());
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eth/v1/events?topics=block"))
        .header("Accept", "text/event-stream").build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
      if (response.statusCode() == 200) {
        response.body().forEach(line -> onLine(node, line, System.currentTimeMillis()));
      }
    });
  }

  void onLine(int node, String line, long nowMillis) {
    if (!line.startsWith("data:")) {
      return;
    }
    try {
      JsonNode data = JSON.readTree(line.substring("data:".length()).trim());
      long slot = Long.parseLong(data.get("slot").asText());
      delays.computeIfAbsent(node, n -> new ConcurrentHashMap<>())
          .putIfAbsent(slot, nowMillis - (genesisMillis + slot * slotMs));
    } catch (IOException | RuntimeException malformed) {
      // not a block event the devnet understands: nothing to time
    }
  }

  /** Node {@code node}'s delay for the block of {@code slot}, if it imported one. */
  OptionalLong delay(int node, long slot) {
    Long d = delays.getOrDefault(node, Map.of()).get(slot);
    return d == null ? OptionalLong.empty() : OptionalLong.of(d);
  }

  /** Node {@code node}'s delays, ascending. */
  List<Long> sorted(int node) {
    List<Long> out = new ArrayList<>(delays.getOrDefault(node, Map.of()).values());
    out.sort(null);
    return out;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100) of ascending {@code values}; -1 when empty. */
  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * values.size());
    return values.get(Math.max(0, Math.min(values.size(), rank) - 1));
  }

  @Override
  public void close() {
    http.shutdownNow();
    readers.shutdownNow();
  }
}
