package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.cli.beacon.DevnetFiles;
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
 * Two {@code edvt beacon-node} processes on loopback, started the way ethereum-package starts
 * Teku participants: the first with no bootnodes; its ENR read from {@code /eth/v1/node/identity}
 * once {@code /eth/v1/node/health} answers; the second given that ENR as
 * {@code --p2p-discovery-bootnodes}. They must find each other through discv5 and connect. Then
 * the second is killed with SIGKILL and restarted on its folder: it must come back with the same
 * peer id (its key persisted) and reconnect.
 */
class BeaconNodeProcessIT {
  private static final Path JAR = Path.of(System.getProperty("edvt.jar", "target/edvt.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
  }

  /** A node process with the launcher's flags; returns its REST port. */
  private Node start(String name, List<String> extra) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    Node node = new Node(name, freePort(), freePort(), tmp.resolve(name));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // as ./edvt beacon-node passes it: Netty's Unsafe use
    }
    command.addAll(List.of("-jar", JAR.toString(), "beacon-node",
        "--network=" + DevnetFiles.configYaml(), "--genesis-state=" + DevnetFiles.genesisSsz(),
        "--data-path=" + node.data, "--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + node.p2pPort,
        "--p2p-advertised-ip=127.0.0.1", "--p2p-discovery-site-local-addresses-enabled=true",
        "--p2p-peer-lower-bound=1", "--p2p-peer-upper-bound=8",
        "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + node.restPort,
        "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE"));
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
  void twoNodesFindEachOtherThroughTheFirstsEnrAndTheSecondComesBackAfterSigkill() throws Exception {
    Node a = start("a", List.of());
    JsonNode identityA = await(a, "/eth/v1/node/identity", j -> true).get("data");
    String enrA = identityA.get("enr").asText();
    assertThat(enrA).startsWith("enr:");
    assertThat(identityA.get("p2p_addresses").get(0).asText())
        .isEqualTo("/ip4/127.0.0.1/tcp/" + a.p2pPort + "/p2p/" + identityA.get("peer_id").asText());

    Node b = start("b", List.of("--p2p-discovery-bootnodes=" + enrA));
    String peerB = await(b, "/eth/v1/node/identity", j -> true).get("data").get("peer_id").asText();
    await(b, "/eth/v1/node/peer_count", j -> j.get("data").get("connected").asInt() >= 1);
    JsonNode peersOfA = await(a, "/eth/v1/node/peers", j -> j.get("data").size() >= 1).get("data");
    assertThat(peersOfA.findValuesAsText("peer_id")).contains(peerB);

    b.process.destroyForcibly().waitFor();
    Node again = start("b", List.of("--p2p-discovery-bootnodes=" + enrA));
    String peerAgain = await(again, "/eth/v1/node/identity", j -> true).get("data").get("peer_id").asText();
    assertThat(peerAgain).as("the node key persisted in --data-path").isEqualTo(peerB);
    await(again, "/eth/v1/node/peer_count", j -> j.get("data").get("connected").asInt() >= 1);
    assertThat(await(again, "/eth/v1/beacon/headers/head", j -> true).get("data").get("header").get("message")
        .get("slot").asText()).isEqualTo("0");
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
