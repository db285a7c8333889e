package io.edvt.networking.eth2.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.networking.interop.JsUnavailableException;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A running {@code lodestar dev} (1.5.1, minimal preset, 64 validators of its own, Altair and
 * Bellatrix from genesis, mock execution engine, no discovery) on free local ports, with its REST
 * API for what the test compares against. It produces a block per 6-second slot from about 12 s
 * after start. Its output goes to {@code target/lodestar/node-<n>.log}. {@link #close()} kills it
 * (its graceful shutdown hangs on Node 20) and waits for the process to end.
 */
final class LodestarNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final Process process;
  private final Path log;
  private final Path data;
  private final int restPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LodestarNode(Process process, Path log, Path data, int restPort) {
    this.process = process;
    this.log = log;
    this.data = data;
    this.restPort = restPort;
  }

  static LodestarNode start() {
    Path dir = LodestarInstall.dir();
    int n = COUNT.incrementAndGet();
    int p2pPort = freePort();
    int restPort = freePort();
    Path data = dir.resolve("run-" + ProcessHandle.current().pid() + "-" + n);
    Path log = dir.resolve("node-" + n + ".log");
    List<String> cmd = new ArrayList<>(List.of("node", "node_modules/.bin/lodestar", "dev",
        "--genesisValidators", "64", "--startValidators", "0..63",
        "--params.ALTAIR_FORK_EPOCH", "0", "--params.BELLATRIX_FORK_EPOCH", "0",
        "--execution.engineMock", "--eth1", "false", "--discv5", "false", "--mdns", "false",
        "--listenAddress", "127.0.0.1", "--port", String.valueOf(p2pPort),
        "--rest", "--rest.address", "127.0.0.1", "--rest.port", String.valueOf(restPort), "--rest.namespace", "*",
        "--server", "http://127.0.0.1:" + restPort, "--dataDir", data.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("LODESTAR_PRESET", "minimal");
    try {
      return new LodestarNode(pb.start(), log, data, restPort);
    } catch (IOException e) {
      throw new JsUnavailableException("cannot start Lodestar: " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GET of a REST path; empty while the API is not up. */
  Optional<JsonNode> get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Waits until the head is at {@code slot} or later; fails with the log's tail if the node dies or is too slow. */
  JsonNode awaitHeadSlot(long slot, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new JsUnavailableException("Lodestar exited (" + process.exitValue() + ")\n--- " + log + " ---\n" + logTail());
      }
      Optional<JsonNode> head = get("/eth/v1/beacon/headers/head");
      if (head.isPresent() && head.get().at("/data/header/message/slot").asLong() >= slot) {
        return head.get();
      }
      Thread.sleep(250);
    }
    throw new JsUnavailableException("Lodestar's head did not reach slot " + slot + " within " + timeout.toSeconds()
        + " s\n--- " + log + " ---\n" + logTail());
  }

  PeerId peerId() {
    return PeerId.fromBase58(get("/eth/v1/node/identity").orElseThrow().at("/data/peer_id").asText());
  }

  Multiaddr address() {
    return Multiaddr.parse(get("/eth/v1/node/identity").orElseThrow().at("/data/p2p_addresses/0").asText());
  }

  Bytes32 genesisValidatorsRoot() {
    return Bytes32.fromHexString(get("/eth/v1/beacon/genesis").orElseThrow().at("/data/genesis_validators_root").asText());
  }

  /** Asks Lodestar to dial us (its {@code lodestar} API namespace: {@code connect_peer}). */
  void connectTo(PeerId peer, Multiaddr address) throws IOException, InterruptedException {
    String q = "peerId=" + URLEncoder.encode(peer.toBase58(), StandardCharsets.UTF_8) + "&multiaddr="
        + URLEncoder.encode(address.toString(), StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort
        + "/eth/v1/lodestar/connect_peer?" + q)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("connect_peer answered " + r.statusCode() + ": " + r.body());
    }
  }

  String logTail() {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    deleteTree(data); // its chain and validator databases; the log stays
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover folder under target/ is harmless
    }
  }
}
