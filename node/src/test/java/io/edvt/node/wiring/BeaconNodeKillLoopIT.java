package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.wiring.NodeProcesses.Node;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during import, at process level, in a loop: an {@code edvt beacon-node} process holding
 * every validator key produces and imports a block every slot (1-second slots, minimal preset, EDVT
 * from epoch 1); it is killed ({@code destroyForcibly}) at a random moment after it has imported
 * something, and restarted on the same {@code --data-path}, again and again. Each restart must come
 * up, carry on producing (the head passes the last head seen before the kill), and hold a consistent
 * chain: from the head, every parent is served by the API down to the genesis block.
 *
 * <p>{@code -Dedvt.killLoop=N} sets the number of kills (3 by default, for CI); the README records
 * a long run.
 */
class BeaconNodeKillLoopIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VALIDATORS = 64;
  private static final long SLOT_MS = 1000;
  private static final Duration UP = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  @Test
  void aNodeKilledAtRandomMomentsRestartsOnItsDatabaseAndCarriesOn() throws Exception {
    int kills = Integer.getInteger("edvt.killLoop", 3);
    long seed = Long.getLong("edvt.killLoop.seed", System.nanoTime());
    Random random = new Random(seed);
    long genesisTime = System.currentTimeMillis() / 1000 + 10; // the first JVM is up before slot 1
    ValidatorDevnet net = ValidatorDevnet.write(tmp.resolve("net"), VALIDATORS, SLOT_MS, genesisTime);
    String keys = net.keys("keys", 0, VALIDATORS);
    Path data = tmp.resolve("data");
    int restPort = NodeProcesses.freePort();
    List<String> args = List.of("--network=" + net.configYaml, "--genesis-state=" + net.genesisSsz, "--data-path=" + data,
        "--p2p-enabled=false", "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + restPort,
        "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE", "--validator-keys=" + keys,
        "--validators-proposer-default-fee-recipient=0x" + "ef".repeat(20));
    long begun = System.nanoTime();
    List<Long> killedAt = new ArrayList<>();
    try (NodeProcesses processes = new NodeProcesses(tmp)) {
      long lastHead = 0;
      for (int round = 0; round <= kills; round++) {
        Node node = processes.start("node", restPort, args);
        long seen = lastHead;
        // up, and importing past what it had before the kill
        long head = headSlot(processes.await(node, "/eth/v1/beacon/headers/head",
            j -> slot(j.get("data")) > seen, UP));
        long walked = checkParentChain(node, head);
        assertThat(walked).as("round %d: blocks walked from head slot %d to genesis", round, head).isPositive();
        lastHead = head;
        if (round == kills) {
          break;
        }
        // a random moment within the next two slots: mid-import, mid-proposal, mid-commit alike
        // (waitFor returns at once if the process dies by itself, which fails the round)
        boolean exited = node.process.waitFor(random.nextLong(2 * SLOT_MS), TimeUnit.MILLISECONDS);
        assertThat(exited).as("round %d: the node exited by itself", round).isFalse();
        node.process.destroyForcibly().waitFor();
        killedAt.add(lastHead);
      }
    }
    System.out.printf("kill loop: %d SIGKILLs (seed %d) at head slots %s, every restart carried on; %d s%n", kills, seed,
        killedAt, Duration.ofNanos(System.nanoTime() - begun).toSeconds());
  }

  private static long slot(JsonNode headerData) {
    return headerData.get("header").get("message").get("slot").asLong();
  }

  private static long headSlot(JsonNode headers) {
    return slot(headers.get("data"));
  }

  /**
   * Walks from the block at {@code headSlot} through each header's parent down to slot 0, asking
   * the API for each; returns how many blocks it walked. A stored chain with a hole fails here.
   */
  private static long checkParentChain(Node node, long headSlot) throws Exception {
    JsonNode header = json(node, "/eth/v1/beacon/headers/" + headSlot).get("data");
    long walked = 1;
    while (slot(header) > 0) {
      String parent = header.get("header").get("message").get("parent_root").asText();
      long childSlot = slot(header);
      header = json(node, "/eth/v1/beacon/headers/" + parent).get("data");
      assertThat(slot(header)).as("parent %s of the block at slot %d", parent, childSlot).isLessThan(childSlot);
      assertThat(header.get("canonical").asBoolean()).as("parent at slot %d is canonical", slot(header)).isTrue();
      walked++;
    }
    return walked;
  }

  private static JsonNode json(Node node, String path) throws Exception {
    HttpResponse<String> r = NodeProcesses.get(node, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
