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
  private static final Pattern SLOT_LINE = Pattern.compile(
      "slot +(\\d+) \\(epoch \\d+\\) \\| head ([0-9x? ]+) \\| justified (\\S+) finalized (\\S+) \\| peers ([0-9x? ]+) \\| block (\\S+).*");

  private static final long FIRST_KILL = 4;
  private static final long SECOND_KILL = 24;
  private static final long RESTART = 32;

  @TempDir Path tmp;

  private Process devnet;

  @AfterEach
  void stop() {
    DevnetJar.kill(devnet);
  }

  @Test
  void startsConnectedNodesPrintsASlotLineEachReportsAKilledNodeAndSaysItDidNotFinalize() throws Exception {
    Path dir = tmp.resolve("devnet");
    Path output = tmp.resolve("devnet.out");
    devnet = DevnetJar.start(output, List.of("--dir", dir.toString(), "--nodes", "3",
        "--validators", "24", "--groups", "2", "--group-size", "3", "--threshold", "2", "--slot-ms", "1000",
        "--epochs", "2", "--genesis-delay", "35", "--kdf-iterations", "16"));

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
   * The issue's chaos properties on one devnet of four nodes, the last two running member keys only
   * ({@code --member-nodes 2}): each node holds one member of each 3-of-4 group, and every plain
   * validator is on node-0 or node-1.
   * <ul>
   *   <li>node-3 SIGKILLed at slot {@value #FIRST_KILL} (n - m = 1 member down): in epochs 1 and 2 every
   *       group reaches m with exactly 3 members' votes, and its slots are produced (by a later rank
   *       when the dead member leads);
   *   <li>node-2 SIGKILLed too at slot {@value #SECOND_KILL} (n - m + 1 = 2 down): in epoch 3 no
   *       group reaches m and no group block is produced, while the chain (the groups a minority of
   *       the stake) still justifies and finalizes;
   *   <li>both started again at slot {@value #RESTART}: they rejoin by themselves (catching up
   *       without signing on their stale heads, which got a restarted node banned by its peers
   *       before), and in epoch 5 all four members of every group vote again;
   *   <li>no key signed anything slashable, by every node's slashing-protection records.
   * </ul>
   */
  @Test
  void groupsKeepTheirThresholdWithNMinusMMembersDownLoseItWithOneMoreAndRecoverWhenTheyRestart() throws Exception {
    Path dir = tmp.resolve("devnet-finalizing");
    Path output = tmp.resolve("devnet-finalizing.out");
    // 62 plain validators (1984 ETH) and two 3-of-4 groups of 320 ETH: the groups are 24 % of the
    // stake, a minority, yet lead about one slot in four (none in the 20 slots with node-3 alone
    // down: 0.4 %)
    devnet = DevnetJar.start(output, List.of("--dir", dir.toString(), "--nodes", "4",
        "--member-nodes", "2", "--epochs", "7", "--genesis-delay", "40", "--kdf-iterations", "16",
        "--group-balance", "320", "--kill=3@" + FIRST_KILL + ":" + RESTART, "--kill=2@" + SECOND_KILL + ":" + RESTART));
    assertThat(devnet.waitFor(300, TimeUnit.SECONDS)).as("the devnet ends after its epochs").isTrue();
    String all = Files.readString(output);
    assertThat(devnet.exitValue()).as(all).isZero();
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("report/summary.json").toFile());
    assertThat(summary.get("finalized").asBoolean()).as(all).isTrue();
    // finalizing epoch 3 needs epochs 3 and 4 justified: 3 is the one with both member nodes down
    assertThat(summary.get("finalized_epoch").asInt()).as(all).isGreaterThanOrEqualTo(3);

    // the kills and restarts, reported as such and not as deaths
    assertThat(all).contains("node-3 killed (SIGKILL, --kill 3@" + FIRST_KILL + ":" + RESTART + ") at the start of slot "
        + FIRST_KILL, "node-2 killed (SIGKILL, --kill 2@" + SECOND_KILL + ":" + RESTART + ") at the start of slot "
        + SECOND_KILL).doesNotContain(" died");
    for (int node : List.of(2, 3)) {
      JsonNode n = summary.get("nodes").get(node);
      assertThat(n.get("died").asBoolean()).isFalse();
      assertThat(n.get("restarted_at_slots").toString()).isEqualTo("[" + RESTART + "]");
      // back in the network at the end, with the three others as peers
      assertThat(n.get("peers").get("last").asInt()).as("node-%d\n%s", node, all).isEqualTo(3);
    }

    // participation per complete epoch
    List<Integer> checked = new ArrayList<>();
    for (JsonNode epoch : summary.get("participation")) {
      int e = epoch.get("epoch").asInt();
      if (!epoch.get("complete").asBoolean() || !List.of(1, 2, 3, 5).contains(e)) {
        continue;
      }
      assertThat(epoch.get("groups")).as(all).hasSize(2);
      for (JsonNode g : epoch.get("groups")) {
        int members = g.get("members_with_flag").get("timely_target").asInt();
        boolean reached = g.get("reached_threshold").get("timely_target").asBoolean();
        switch (e) {
          case 1, 2 -> {
            assertThat(members).as("epoch %d (node-3 down) group %s\n%s", e, g, all).isEqualTo(3);
            assertThat(reached).as("epoch %d group %s", e, g).isTrue();
            assertThat(g.get("reached_threshold").get("timely_source").asBoolean()).as("epoch %d group %s", e, g).isTrue();
          }
          case 3 -> {
            assertThat(members).as("epoch 3 (node-2 and node-3 down) group %s\n%s", g, all).isEqualTo(2);
            assertThat(reached).as("epoch 3 group %s", g).isFalse();
          }
          default -> {
            assertThat(members).as("epoch 5 (both back) group %s\n%s", g, all).isEqualTo(4);
            assertThat(reached).as("epoch 5 group %s", g).isTrue();
          }
        }
      }
      checked.add(e);
    }
    assertThat(checked).as("complete epochs 1, 2, 3 and 5\n%s", all).containsExactly(1, 2, 3, 5);

    // the groups' slots: with 3 members up every one is produced (by a later rank when the
    // rank-0 member is down); with 2 up none can be
    int withThree = 0;
    for (JsonNode g : summary.get("group_proposals")) {
      long slot = g.get("slot").asLong();
      if (slot >= FIRST_KILL && slot < SECOND_KILL) {
        withThree++;
        assertThat(g.get("produced").asBoolean()).as("group slot %s (node-3 down)\n%s", g, all).isTrue();
        if (g.get("leader_down").asBoolean()) {
          assertThat(g.get("rank").asInt()).as("group slot %s (leader's node down)", g).isPositive();
        }
      } else if (slot >= SECOND_KILL && slot < RESTART) {
        assertThat(g.get("produced").asBoolean()).as("group slot %s (two members down)\n%s", g, all).isFalse();
      }
    }
    assertThat(withThree).as("group slots with node-3 down\n%s", all).isPositive();

    // no key signed anything slashable, by the nodes' slashing-protection databases
    JsonNode signing = summary.get("signing");
    assertThat(signing.get("conflicts")).as(all).isEmpty();
    assertThat(signing.get("unreadable")).as(all).isEmpty();
    assertThat(signing.get("keys").asInt()).as(all).isEqualTo(62 + 2 * 4);
    assertThat(signing.get("blocks").asInt()).as(all).isPositive();
    assertThat(signing.get("attestations").asInt()).as(all).isGreaterThan(62 * 6);

    // latency: plain and group blocks timed side by side
    JsonNode latency = summary.get("block_latency_ms");
    assertThat(latency.get("plain").get("blocks").asInt()).as(all).isPositive();
    assertThat(latency.get("group").get("blocks").asInt()).as(all).isPositive();
    assertThat(all).contains("block import: p50 ", "slot start to block: plain p50 ");
    for (JsonNode n : summary.get("nodes")) {
      assertThat(n.get("block_import_ms").get("blocks").asInt()).as(n.toString()).isPositive();
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
