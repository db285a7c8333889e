package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code edvt beacon-node} processes on loopback, each holding half of 64 validators
 * ({@code --validator-keys}), the second bootstrapped from the first's ENR: neither half alone can
 * justify (each is 50% of the stake, below two thirds), so the chain finalizes only if blocks,
 * attestations and aggregates cross between the processes. Minimal preset, Fulu at genesis and EDVT
 * from epoch 1, 2-second slots, the embedded engine in each process. Neither passes
 * {@code --p2p-subscribe-all-subnets-enabled}: attestations cross on the aggregators' subnets
 * joined per duty. A third process started with one of A's keys and
 * {@code --doppelganger-detection-enabled} must exit 1 naming it.
 */
class BeaconNodeValidatorsProcessIT {
  private static final Path JAR = Path.of(System.getProperty("edvt.jar", "target/edvt.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(150);
  private static final int VALIDATORS = 64;
  private static final long SLOT_MS = 2000;

  @TempDir
  Path tmp;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
  }

  private Node start(String name, ValidatorDevnet net, String keys, List<String> extra) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    Node node = new Node(name, freePort(), freePort(), tmp.resolve(name));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", JAR.toString(), "beacon-node",
        "--network=" + net.configYaml, "--genesis-state=" + net.genesisSsz,
        "--data-path=" + node.data, "--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + node.p2pPort,
        "--p2p-advertised-ip=127.0.0.1", "--p2p-discovery-site-local-addresses-enabled=true",
        "--p2p-peer-lower-bound=1", "--p2p-peer-upper-bound=8",
        "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + node.restPort,
        "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE",
        "--validator-keys=" + keys, "--validators-proposer-default-fee-recipient=0x" + "cd".repeat(20)));
    command.addAll(extra);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + "-" + processes.size() + ".log").toFile()).start();
    processes.add(p);
    node.process = p;
    return node;
  }

  private static final class Node {
    final String name;
    final int restPort;
    final int p2pPort;
    final Path data;
    Process process;

    Node(String name, int restPort, int p2pPort, Path data) {
      this.name = name;
      this.restPort = restPort;
      this.p2pPort = p2pPort;
      this.data = data;
    }
  }

  @Test
  void twoProcessesWithHalfTheKeysEachFinalizeTheSameCheckpoint() throws Exception {
    long begun = System.nanoTime();
    long genesisTime = System.currentTimeMillis() / 1000 + 25; // both JVMs started and peered before slot 1
    ValidatorDevnet net = ValidatorDevnet.write(tmp.resolve("net"), VALIDATORS, SLOT_MS, genesisTime);
    Node a = start("a", net, net.keys("a-keys", 0, VALIDATORS / 2), List.of());
    String enrA = await(a, "/eth/v1/node/identity", j -> true).get("data").get("enr").asText();
    Node b = start("b", net, net.keys("b-keys", VALIDATORS / 2, VALIDATORS), List.of("--p2p-discovery-bootnodes=" + enrA));
    await(b, "/eth/v1/node/peer_count", j -> j.get("data").get("connected").asInt() >= 1);

    Predicate<JsonNode> finalizedTwo = j -> j.get("data").get("finalized").get("epoch").asLong() >= 2;
    JsonNode finalA = await(a, "/eth/v1/beacon/states/head/finality_checkpoints", finalizedTwo).get("data").get("finalized");
    JsonNode finalB = await(b, "/eth/v1/beacon/states/head/finality_checkpoints",
        j -> j.get("data").get("finalized").get("epoch").asLong() >= finalA.get("epoch").asLong()).get("data").get("finalized");
    long seconds = Duration.ofNanos(System.nanoTime() - begun).toSeconds();
    // the same checkpoint on both (read B's at A's epoch: B may have moved on meanwhile)
    JsonNode checkpointOnB = await(b, "/eth/v1/beacon/headers/" + finalA.get("root").asText(), j -> true).get("data");
    assertThat(checkpointOnB.get("canonical").asBoolean()).isTrue();
    assertThat(finalB.get("epoch").asLong()).isGreaterThanOrEqualTo(2);

    // both halves proposed: proposer indices below and above 32 among the first two epochs' blocks on A
    int fromA = 0;
    int fromB = 0;
    int missed = 0;
    for (int slot = 1; slot <= 16; slot++) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.restPort
          + "/eth/v2/beacon/blocks/" + slot)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        missed++;
        continue;
      }
      int proposer = JSON.readTree(r.body()).get("data").get("message").get("proposer_index").asInt();
      if (proposer < VALIDATORS / 2) {
        fromA++;
      } else {
        fromB++;
      }
    }
    System.out.printf("two processes: finalized epoch %s (root %s) after %d s; slots 1-16: %d blocks from A's keys, "
        + "%d from B's, %d missed%n", finalA.get("epoch").asText(), finalA.get("root").asText(), seconds, fromA, fromB, missed);
    assertThat(fromA).isPositive();
    assertThat(fromB).isPositive();

    // a third process with one of A's keys and doppelganger detection: it sees A's key live, exits 1 naming it, signed nothing
    long cStarted = System.nanoTime();
    Node c = start("c", net, net.keys("c-keys", 5, 6), List.of("--p2p-discovery-bootnodes=" + enrA,
        "--doppelganger-detection-enabled"));
    assertThat(c.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the doppelganger process exits").isTrue();
    String log = Files.readString(tmp.resolve("c-2.log"));
    System.out.printf("doppelganger process: exit %d after %d s%n", c.process.exitValue(),
        Duration.ofNanos(System.nanoTime() - cStarted).toSeconds());
    assertThat(c.process.exitValue()).as(log).isEqualTo(1);
    assertThat(log).contains("edvt beacon-node: doppelganger detected").contains("(index 5)")
        .contains(io.edvt.infrastructure.crypto.bls.BlsSecretKey.interop(5).publicKey().toBytes().toHexString())
        .doesNotContain("Proposed block").doesNotContain("duties start");
  }

  /** Polls {@code path} until it answers 200 with a body {@code done} accepts. */
  private JsonNode await(Node node, String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!node.process.isAlive()) {
        fail(node.name + " exited with " + node.process.exitValue() + "; log: "
            + Files.readString(tmp.resolve(node.name + "-" + (processes.indexOf(node.process)) + ".log")));
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.restPort + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          JsonNode json = JSON.readTree(r.body());
          if (done.test(json)) {
            return json;
          }
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    fail(node.name + " " + path + " not as expected within " + START.toSeconds() + " s; last: " + last);
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
