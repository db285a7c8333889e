package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt devnet} as a user runs it, from the packaged jar: three real beacon-node processes on
 * loopback with p2p and the Beacon API, an EDVT genesis with two groups. A devnet of five epochs
 * finalizes with every group's blocks; one of two epochs cannot (the first finalization needs the
 * end of epoch 3), which checks the failure path: a node SIGKILLed mid-run is reported while the
 * others carry on, the exit code says "did not finalize", the report (JSON, Markdown, PNGs) is
 * written, and no node process outlives the devnet.
 */
class DevnetProcessIT {
  private static final Path JAR = Path.of(System.getProperty("edvt.jar", "target/edvt.jar"));
  private static final Pattern SLOT_LINE = Pattern.compile(
      "slot +(\\d+) \\(epoch \\d+\\) \\| head ([0-9x? ]+) \\| justified (\\S+) finalized (\\S+) \\| peers ([0-9x? ]+) \\| block (\\S+).*");

  private static final long KILL = 12;
  private static final long RESTART = 24;

  @TempDir Path tmp;

  private Process devnet;

  @AfterEach
  void stop() {
    if (devnet != null) {
      devnet.descendants().forEach(ProcessHandle::destroyForcibly);
      devnet.destroyForcibly();
    }
  }

  @Test
  void startsConnectedNodesPrintsASlotLineEachReportsAKilledNodeAndSaysItDidNotFinalize() throws Exception {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    Path dir = tmp.resolve("devnet");
    Path output = tmp.resolve("devnet.out");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", JAR.toString(), "devnet", "--dir", dir.toString(), "--nodes", "3",
        "--validators", "24", "--groups", "2", "--group-size", "3", "--threshold", "2", "--slot-ms", "1000",
        "--epochs", "2", "--genesis-delay", "35", "--kdf-iterations", "16"));
    devnet = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();

    // the nodes come up and connect: a slot line where every node has a peer
    await(output, lines -> lines.stream().map(SLOT_LINE::matcher).filter(Matcher::matches)
        .anyMatch(m -> Arrays.stream(m.group(5).trim().split(" +")).allMatch(p -> p.matches("[1-9]\\d*"))));
    ProcessHandle node2 = devnet.descendants()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("/nodes/node-2/data")).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no node-2 process among the devnet's children"));
    List<ProcessHandle> nodes = devnet.descendants().toList();
    assertThat(nodes).hasSize(3);
    node2.destroyForcibly();

    assertThat(devnet.waitFor(100, TimeUnit.SECONDS)).as("the devnet ends after its epoch").isTrue();
    List<String> lines = Files.readAllLines(output);
    String all = String.join("\n", lines);
    assertThat(devnet.exitValue()).as(all).isEqualTo(1);
    assertThat(lines).anyMatch(l -> l.startsWith("node-0 up: REST http://127.0.0.1:"))
        .anyMatch(l -> l.startsWith("node-1 up:")).anyMatch(l -> l.startsWith("node-2 up:"));
    int died = indexOf(lines, l -> l.matches("node-2 died: exit code 137 at slot \\d+; the others carry on\\..*"));
    assertThat(died).as(all).isNotNegative();
    // after the death, node-2's columns are "x" (a slot sampled while it was dying, printed after
    // the death was noticed, may say "?": not answering) and the other two still answer
    List<Matcher> after = lines.subList(died + 1, lines.size()).stream().map(SLOT_LINE::matcher)
        .filter(Matcher::matches).toList();
    assertThat(after).as(all).isNotEmpty();
    assertThat(after.getLast().group(2).trim().split(" +")[2]).as(all).isEqualTo("x");
    for (Matcher m : after) {
      String[] heads = m.group(2).trim().split(" +");
      assertThat(heads).as(m.group()).hasSize(3);
      assertThat(heads[2]).as(m.group()).isIn("x", "?");
      assertThat(heads[0]).as(m.group()).matches("\\d+");
      assertThat(heads[1]).as(m.group()).matches("\\d+");
    }
    assertThat(lines.stream().map(SLOT_LINE::matcher).filter(Matcher::matches).mapToLong(m -> Long.parseLong(m.group(1))))
        .as("a line for the first slot after the last epoch").contains(16L);
    assertThat(lines).contains(
        "did not finalize: finalized epoch 0 after " + lines.stream().filter(l -> SLOT_LINE.matcher(l).matches()).count()
            + " sampled slot(s) (a finalized epoch of 1 or more was expected)");

    JsonNode summary = new ObjectMapper().readTree(dir.resolve("report/summary.json").toFile());
    assertThat(summary.get("finalized").asBoolean()).isFalse();
    // two epochs cannot finalize (the first finalization needs the end of epoch 3), but blocks come
    assertThat(summary.get("missed_slot_count").asInt()).isLessThan(summary.get("slots_sampled").asInt() - 1);
    JsonNode n2 = summary.get("nodes").get(2);
    assertThat(n2.get("died").asBoolean()).isTrue();
    assertThat(n2.get("exit_code").asInt()).isEqualTo(137);
    assertThat(summary.get("nodes").get(0).get("died").asBoolean()).isFalse();
    assertThat(summary.get("nodes").get(0).get("peers").get("max").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(Files.readString(dir.resolve("report/summary.md"))).contains("| finalized | **no** |",
        "died at slot", "![finality.png](finality.png)");
    for (String png : List.of("finality.png", "heads.png", "participation.png")) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("report").resolve(png)), 4);
      assertThat(head).as(png).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
    for (int i = 0; i < 3; i++) {
      assertThat(dir.resolve("nodes/node-" + i + "/node.log")).isNotEmptyFile();
    }
    assertThat(Files.readString(dir.resolve("nodes/node-1/node.log"))).contains("Beacon node started");
    assertThat(nodes).as("no node outlives the devnet").noneMatch(ProcessHandle::isAlive);
  }

  /**
   * The default network on three nodes, node-2 SIGKILLed at slot {@value #KILL} and started again
   * at slot {@value #RESTART} ({@code --kill}): node-2 holds one member of each 3-of-4 group
   * (n - m = 1), so each group keeps its threshold without it, its proposal slots are produced (by
   * a later rank when the dead member leads), the chain finalizes, and no key signed anything
   * slashable. The restarted node rejoins by itself: it catches up without signing on its stale
   * head (which got it banned by its peers before), and its members vote again in epoch 4 (the last
   * complete one: an epoch's participation is read in the following epoch's last slot).
   */
  @Test
  void aDevnetWithGroupsSurvivesAMemberNodesDeathAndFinalizes() throws Exception {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    Path dir = tmp.resolve("devnet-finalizing");
    Path output = tmp.resolve("devnet-finalizing.out");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    // the default network (64 validators, two groups of 4 with threshold 3) on three nodes
    command.addAll(List.of("-jar", JAR.toString(), "devnet", "--dir", dir.toString(), "--nodes", "3",
        "--epochs", "6", "--genesis-delay", "35", "--kdf-iterations", "16", "--kill=2@" + KILL + ":" + RESTART,
        // 1024 ETH per group: about half the slots are the groups', so some fall while node-2 is down
        "--group-balance", "1024"));
    devnet = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(devnet.waitFor(270, TimeUnit.SECONDS)).as("the devnet ends after its epochs").isTrue();
    String all = Files.readString(output);
    assertThat(devnet.exitValue()).as(all).isZero();
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("report/summary.json").toFile());
    assertThat(summary.get("finalized").asBoolean()).as(all).isTrue();
    int finalizedEpoch = summary.get("finalized_epoch").asInt();
    // finalizing epoch 2 needs it justified, the whole of which node-2 was down
    assertThat(finalizedEpoch).as(all).isGreaterThanOrEqualTo(2);

    // the kill, reported as such and not as a death
    assertThat(all).contains("node-2 killed (SIGKILL, --kill 2@" + KILL + ":" + RESTART + ") at the start of slot " + KILL)
        .doesNotContain("node-2 died");
    JsonNode n2 = summary.get("nodes").get(2);
    assertThat(n2.get("died").asBoolean()).isFalse();
    assertThat(n2.get("killed_at_slots").toString()).isEqualTo("[" + KILL + "]");
    assertThat(n2.get("restarted_at_slots").toString()).isEqualTo("[" + RESTART + "]");
    // back in the network at the end, with both other nodes as peers (it was banned by them before)
    assertThat(n2.get("peers").get("last").asInt()).as(all).isEqualTo(2);

    // participation: every group reaches m on source and target in every complete epoch from 2 to
    // the finalized one; with exactly m = 3 members' target votes while node-2 is down (epoch 2),
    // and all 4 once it is back (epoch 4)
    List<Integer> checked = new ArrayList<>();
    for (JsonNode epoch : summary.get("participation")) {
      int e = epoch.get("epoch").asInt();
      if (e < 2 || !epoch.get("complete").asBoolean()) {
        continue;
      }
      assertThat(epoch.get("groups")).as(all).hasSize(2);
      for (JsonNode g : epoch.get("groups")) {
        assertThat(g.get("reached_threshold").get("timely_source").asBoolean()).as("epoch %d group %s\n%s", e, g, all).isTrue();
        assertThat(g.get("reached_threshold").get("timely_target").asBoolean()).as("epoch %d group %s\n%s", e, g, all).isTrue();
        int members = g.get("members_with_flag").get("timely_target").asInt();
        if (e == 2) {
          assertThat(members).as("epoch 2 (node-2 down) group %s\n%s", g, all).isEqualTo(3);
        } else if (e == 4) {
          assertThat(members).as("epoch 4 (node-2 back) group %s\n%s", g, all).isEqualTo(4);
        }
      }
      checked.add(e);
    }
    assertThat(checked).as("complete epochs: node-2 down (2) and back (4)\n%s", all).contains(2, 4);

    // the groups' slots: every one produced; a slot whose rank-0 member was on the dead node by a later rank
    List<Long> groupSlots = new ArrayList<>();
    for (JsonNode g : summary.get("group_proposals")) {
      long slot = g.get("slot").asLong();
      if (slot > 48) {
        continue;
      }
      groupSlots.add(slot);
      if (slot < KILL) {
        continue;
      }
      assertThat(g.get("produced").asBoolean()).as("group slot %s (node-2 down)\n%s", g, all).isTrue();
      assertThat(g.get("block_ms").asLong()).as("group slot %s", g).isBetween(0L, 2L * 2000);
      if (g.get("leader_down").asBoolean()) {
        assertThat(g.get("rank").asInt()).as("group slot %s (leader's node down)", g).isPositive();
      }
    }
    assertThat(groupSlots).as(all).isNotEmpty();
    // missed slots before the kill: at most 3 (the start; the last slot, sampled as the devnet stops)
    long missedBefore = java.util.stream.StreamSupport.stream(summary.get("missed_slots").spliterator(), false)
        .mapToLong(JsonNode::asLong).filter(m -> m < KILL).count();
    assertThat(missedBefore).as(all).isLessThanOrEqualTo(3);

    // no key signed anything slashable, by the nodes' slashing-protection databases
    JsonNode signing = summary.get("signing");
    assertThat(signing.get("conflicts")).as(all).isEmpty();
    assertThat(signing.get("unreadable")).as(all).isEmpty();
    assertThat(signing.get("keys").asInt()).as(all).isEqualTo(62 + 2 * 4);
    assertThat(signing.get("blocks").asInt()).as(all).isPositive();
    assertThat(signing.get("attestations").asInt()).as(all).isGreaterThan(62 * 5);

    // latency: plain and group blocks timed side by side
    JsonNode latency = summary.get("block_latency_ms");
    assertThat(latency.get("plain").get("blocks").asInt()).as(all).isPositive();
    assertThat(latency.get("group").get("blocks").asInt()).as(all).isPositive();
    assertThat(all).contains("block import: p50 ", "slot start to block: plain p50 ");
    for (JsonNode n : summary.get("nodes")) {
      assertThat(n.get("block_import_ms").get("blocks").asInt()).as(n.toString()).isPositive();
      assertThat(n.get("block_import_ms").get("p50").asLong()).as(n.toString()).isBetween(0L, 2000L);
    }
    assertThat(Files.readString(dir.resolve("report/summary.md"))).contains("Participation per epoch",
        "![participation.png](participation.png)", "Group proposal slots", "no slashable pair");
  }

  private static int indexOf(List<String> lines, Predicate<String> p) {
    for (int i = 0; i < lines.size(); i++) {
      if (p.test(lines.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Waits until the output's lines satisfy {@code done}; fails with the output when the devnet ends first. */
  private void await(Path output, Predicate<List<String>> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.exists(output) ? Files.readAllLines(output) : List.of();
      if (done.test(lines)) {
        return;
      }
      if (!devnet.isAlive()) {
        fail("the devnet ended (exit " + devnet.exitValue() + ") before that; output:\n" + String.join("\n", lines));
      }
      Thread.sleep(200);
    }
    fail("not within 100 s; output:\n" + Optional.of(Files.readString(output)).orElse(""));
  }
}
