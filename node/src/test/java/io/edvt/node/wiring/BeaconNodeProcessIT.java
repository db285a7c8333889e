package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.node.cli.beacon.DevnetFiles;
import io.edvt.node.wiring.NodeProcesses.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
  private static final Duration START = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  private NodeProcesses processes;

  @BeforeEach
  void processes() {
    processes = new NodeProcesses(tmp);
  }

  @AfterEach
  void stopAll() {
    processes.close();
  }

  /** A node process with the launcher's flags, its data in {@code tmp/name}. */
  private Node start(String name, int restPort, int p2pPort, List<String> extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("--network=" + DevnetFiles.configYaml(),
        "--genesis-state=" + DevnetFiles.genesisSsz(),
        "--data-path=" + tmp.resolve(name), "--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + p2pPort,
        "--p2p-advertised-ip=127.0.0.1", "--p2p-discovery-site-local-addresses-enabled=true",
        "--p2p-peer-lower-bound=1", "--p2p-peer-upper-bound=8",
        "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + restPort,
        "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE"));
    args.addAll(extra);
    return processes.start(name, restPort, args);
  }

  private JsonNode await(Node node, String path, Predicate<JsonNode> done) throws Exception {
    return processes.await(node, path, done, START);
  }

  @Test
  void twoNodesFindEachOtherThroughTheFirstsEnrAndTheSecondComesBackAfterSigkill() throws Exception {
    int p2pA = NodeProcesses.freePort();
    Node a = start("a", NodeProcesses.freePort(), p2pA, List.of());
    JsonNode identityA = await(a, "/eth/v1/node/identity", j -> true).get("data");
    String enrA = identityA.get("enr").asText();
    assertThat(enrA).startsWith("enr:");
    assertThat(identityA.get("p2p_addresses").get(0).asText())
        .isEqualTo("/ip4/127.0.0.1/tcp/" + p2pA + "/p2p/" + identityA.get("peer_id").asText());

    int restB = NodeProcesses.freePort();
    int p2pB = NodeProcesses.freePort();
    Node b = start("b", restB, p2pB, List.of("--p2p-discovery-bootnodes=" + enrA));
    String peerB = await(b, "/eth/v1/node/identity", j -> true).get("data").get("peer_id").asText();
    await(b, "/eth/v1/node/peer_count", j -> j.get("data").get("connected").asInt() >= 1);
    JsonNode peersOfA = await(a, "/eth/v1/node/peers", j -> j.get("data").size() >= 1).get("data");
    assertThat(peersOfA.findValuesAsText("peer_id")).contains(peerB);

    b.process.destroyForcibly().waitFor();
    Node again = start("b", restB, p2pB, List.of("--p2p-discovery-bootnodes=" + enrA));
    String peerAgain = await(again, "/eth/v1/node/identity", j -> true).get("data").get("peer_id").asText();
    assertThat(peerAgain).as("the node key persisted in --data-path").isEqualTo(peerB);
    await(again, "/eth/v1/node/peer_count", j -> j.get("data").get("connected").asInt() >= 1);
    assertThat(await(again, "/eth/v1/beacon/headers/head", j -> true).get("data").get("header").get("message")
        .get("slot").asText()).isEqualTo("0");
  }
}
