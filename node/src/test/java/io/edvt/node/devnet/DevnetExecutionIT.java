package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.execution.EthereumJs;
import io.edvt.node.execution.http.JwtSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt devnet --ee-endpoints} from the packaged jar on two real execution clients:
 * ethereumjs 0.10.5 twice (see {@link EthereumJs}; it stops at Prague, so the nodes build their
 * Fulu/EDVT payloads with {@code engine_getPayloadV4}), started from one genesis.json with one JWT
 * secret, one per beacon node. The devnet's genesis state starts on their block 0, every block's
 * payload is built by one of them and imported by both, and the chain finalizes.
 *
 * <p>With the node's head updates to the execution clients switched off
 * ({@code ExecutionHeadFollower} not subscribed) this run did not finalize (exit 1): tried once by
 * hand.
 *
 * <p>And {@code --execution=ethereumjs}, where the devnet starts (and stops) one ethereumjs per node
 * itself: one epoch (about 45 s) whose blocks carry payloads that ethereumjs built.
 *
 * <p>Finality, not only justification: the first epoch that can be finalized is epoch 2, at the
 * end of epoch 3, so the run is 4 epochs of 2 s slots (64 s after genesis; about 100 s in all on
 * 2 cores). One-second slots leave no room on a busy machine for a payload built by a separate
 * process and imported over the Engine API by two.
 */
class DevnetExecutionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NODE_UP = Pattern.compile("node-0 up: REST (http://127\\.0\\.0\\.1:\\d+),.*");
  private static final int EPOCHS = 4;
  private static final int SLOTS = EPOCHS * 8;

  @TempDir Path tmp;

  private Process devnet;
  private final List<EthereumJs> els = new ArrayList<>();

  @AfterEach
  void stop() {
    DevnetJar.kill(devnet);
    els.forEach(EthereumJs::close);
  }

  @Test
  void twoNodesOnTwoEthereumJsStartOnTheirGenesisBuildOnThemAndFinalize() throws Exception {
    JwtSecret secret = JwtSecret.random();
    els.add(EthereumJs.start(secret));
    els.add(EthereumJs.start(secret));
    Path jwt = Files.writeString(tmp.resolve("jwt.hex"), secret.toHex());
    Bytes32 elGenesis = els.get(0).block("0x0").hash();
    assertThat(els.get(1).block("0x0").hash()).isEqualTo(elGenesis);

    Path dir = tmp.resolve("devnet");
    Path output = tmp.resolve("devnet.out");
    devnet = DevnetJar.start(output, List.of("--dir", dir.toString(), "--nodes", "2",
        "--validators", "16", "--groups", "1", "--group-size", "2", "--threshold", "2", "--slot-ms", "2000",
        "--epochs", String.valueOf(EPOCHS), "--genesis-delay", "25", "--kdf-iterations", "16",
        "--ee-endpoints", els.get(0).endpoint() + "," + els.get(1).endpoint(), "--ee-jwt-secret-file", jwt.toString()));

    // late in the run, node-0's head block carries the payload both execution clients have as their head
    URI rest = URI.create(awaitLine(output, NODE_UP, Duration.ofSeconds(90)).group(1));
    HeadMatch match = awaitHeadMatch(rest, output, Duration.ofSeconds(150));
    assertThat(match.slot()).isGreaterThanOrEqualTo(SLOTS / 2);
    assertThat(match.blockNumber()).as("one payload per slot with a block").isGreaterThan(SLOTS / 4)
        .isLessThanOrEqualTo(match.slot());

    assertThat(devnet.waitFor(120, TimeUnit.SECONDS)).as("the devnet ends after its epochs").isTrue();
    List<String> lines = Files.readAllLines(output);
    String all = String.join("\n", lines) + "\n--- el-0:\n" + els.get(0).logTail() + "\n--- node-0:\n"
        + tail(dir.resolve("nodes/node-0/node.log"));
    assertThat(devnet.exitValue()).as(all).isZero();
    assertThat(lines).as(all).anyMatch(l -> l.matches("finalized: epoch [1-9]\\d*"));
    assertThat(lines).contains("execution clients: " + els.get(0).endpoint() + " " + els.get(1).endpoint() + ", block 0 "
        + elGenesis + " (node-i runs with the i-th)");

    JsonNode manifest = JSON.readTree(dir.resolve("devnet.json").toFile());
    assertThat(manifest.get("execution_genesis_block_hash").asText()).isEqualTo(elGenesis.toHexString());
    JsonNode summary = JSON.readTree(dir.resolve("report/summary.json").toFile());
    assertThat(summary.get("finalized").asBoolean()).isTrue();
    for (int i = 0; i < 2; i++) {
      String log = Files.readString(dir.resolve("nodes/node-" + i + "/node.log"));
      assertThat(log).as("node-%d names the Prague fallback once", i).containsOnlyOnce("does not serve engine_getPayloadV5");
      assertThat(log).doesNotContain("engine_getPayloadV5: ");
    }
    // both execution clients hold one chain of the devnet's payloads past the point compared above
    EthereumJs.Block head0 = els.get(0).block("latest");
    EthereumJs.Block head1 = els.get(1).block("latest");
    assertThat(head0.number()).isGreaterThanOrEqualTo(match.blockNumber());
    assertThat(head1.hash()).isEqualTo(head0.hash());
  }

  @Test
  void withExecutionEthereumJsTheDevnetStartsOnePerNodeBuildsOnThemAndStopsThem() throws Exception {
    // the packages the tests' EthereumJs installs (npm ci on first use): the same pinned files
    Path installed = EthereumJs.installation();
    Path dir = tmp.resolve("devnet-ejs");
    Path output = tmp.resolve("devnet-ejs.out");
    devnet = DevnetJar.start(output, List.of("--dir", dir.toString(), "--nodes", "2",
        "--validators", "16", "--groups", "1", "--group-size", "2", "--threshold", "2", "--slot-ms", "2000",
        "--epochs", "1", "--genesis-delay", "20", "--kdf-iterations", "16", "--execution=ethereumjs",
        "--ethereumjs-dir", installed.toString()));

    URI rest = URI.create(awaitLine(output, NODE_UP, Duration.ofSeconds(120)).group(1));
    List<ProcessHandle> executionClients = devnet.descendants()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("cli.js --gethGenesis")).orElse(false))
        .toList();
    assertThat(executionClients).hasSize(2);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Optional<HeadMatch> head = Optional.empty();
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline && devnet.isAlive() && head.map(h -> h.blockNumber() < 3).orElse(true)) {
        head = head(http, rest);
        devnet.waitFor(300, TimeUnit.MILLISECONDS);
      }
    }
    assertThat(head).as(Files.readString(output)).hasValueSatisfying(h -> assertThat(h.blockNumber()).isGreaterThanOrEqualTo(3));

    assertThat(devnet.waitFor(90, TimeUnit.SECONDS)).as("the devnet ends after its epoch").isTrue();
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).as(String.join("\n", lines)).contains("ethereumjs 0.10.5: 2 execution clients started ("
        + dir.resolve("execution") + ")");
    assertThat(lines).anyMatch(l -> l.startsWith("execution clients: http://127.0.0.1:"));
    for (int i = 0; i < 2; i++) {
      assertThat(Files.readString(dir.resolve("nodes/node-" + i + "/node.log"))).contains("does not serve engine_getPayloadV5");
      assertThat(Files.readString(dir.resolve("execution/el-" + i + "/ethereumjs.out"))).contains("New consensus payload received");
    }
    assertThat(executionClients).as("the devnet stops its execution clients").noneMatch(ProcessHandle::isAlive);
  }

  private record HeadMatch(long slot, Bytes32 payloadHash, long blockNumber) {}

  /**
   * Polls until node-0's head (read before and after the execution clients, unchanged between)
   * has the payload that is both execution clients' latest block, from the second half of the run.
   */
  private HeadMatch awaitHeadMatch(URI rest, Path output, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no head read yet";
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline && devnet.isAlive()) {
        Optional<HeadMatch> before = head(http, rest);
        if (before.isPresent() && before.get().slot() >= SLOTS / 2) {
          EthereumJs.Block el0 = els.get(0).block("latest");
          EthereumJs.Block el1 = els.get(1).block("latest");
          Optional<HeadMatch> after = head(http, rest);
          last = "CL head " + before.get() + ", el-0 " + el0 + ", el-1 " + el1;
          if (after.equals(before) && el0.hash().equals(before.get().payloadHash())
              && el1.hash().equals(before.get().payloadHash())) {
            assertThat(el0.number()).isEqualTo(before.get().blockNumber());
            return before.get();
          }
        }
        devnet.waitFor(300, TimeUnit.MILLISECONDS); // between polls, or sooner if the devnet ends
      }
    }
    throw new AssertionError("no moment where node-0's head payload was both execution clients' head within "
        + timeout.toSeconds() + " s; last: " + last + "\n" + Files.readString(output));
  }

  private static Optional<HeadMatch> head(HttpClient http, URI rest) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("/eth/v2/beacon/blocks/head"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode message = JSON.readTree(r.body()).get("data").get("message");
      JsonNode payload = message.get("body").get("execution_payload");
      return Optional.of(new HeadMatch(message.get("slot").asLong(), Bytes32.fromHexString(payload.get("block_hash").asText()),
          payload.get("block_number").asLong()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Matcher awaitLine(Path output, Pattern pattern, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(output)) {
        Matcher m = pattern.matcher(line);
        if (m.matches()) {
          return m;
        }
      }
      if (devnet.waitFor(250, TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    throw new AssertionError("no line " + pattern + " within " + timeout.toSeconds() + " s:\n" + Files.readString(output));
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }
}
