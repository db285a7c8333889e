package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt devnet --edvt-fork-epoch 1} from the packaged jar: a Fulu genesis whose group
 * validators are funded but have no groups; at the fork the devnet submits each group's signed
 * registration (the validator's own key, the members' proofs of possession) to a node's pool, a
 * proposer includes it, and from then on the state holds the groups: the live lines name them and
 * the chain, through the fork, finalizes. 2 nodes, 16 validators, 2 groups of 2 (threshold 2),
 * 1-second slots, 4 epochs (genesis 30 s after the start: the nodes take up to 25 s to come up on a busy machine).
 */
class DevnetGroupsAfterForkIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Process devnet;

  @AfterEach
  void stop() {
    DevnetJar.kill(devnet);
  }

  @Test
  void groupsRegisteredAtTheForkEnterTheStateAndTheChainFinalizes() throws Exception {
    Path dir = tmp.resolve("devnet");
    Path output = tmp.resolve("devnet.out");
    devnet = DevnetJar.start(output, List.of("--dir", dir.toString(), "--nodes", "2", "--validators", "16",
        "--groups", "2", "--group-size", "2", "--threshold", "2", "--slot-ms", "1000", "--epochs", "4",
        "--edvt-fork-epoch", "1", "--genesis-delay", "30", "--kdf-iterations", "16"));
    assertThat(devnet.waitFor(150, TimeUnit.SECONDS)).as("the devnet ends after its 4 epochs").isTrue();
    String out = Files.readString(output);
    assertThat(devnet.exitValue()).as(out).isZero();

    DevnetKeys keys = new DevnetKeys(new DevnetParameters(16, 2, 2, 2, 2, 2 * 32_000_000_000L, 1000, 1, 0, 16));
    List<Integer> groupValidators = List.of(keys.groupValidator(0), keys.groupValidator(1));
    assertThat(out).contains("2 group registration(s) will be submitted at the fork (slot 8)");
    assertThat(out).containsPattern("slot (8|9|1[0-5]): group registration\\(s\\) of validator\\(s\\) "
        + groupValidators.get(0) + ", " + groupValidators.get(1) + " submitted to node-\\d's pool");
    // before the fork no line names a group; in the last epoch every line names both
    List<String> slotLines = out.lines().filter(l -> l.startsWith("slot ")).toList();
    assertThat(slotLines.stream().filter(l -> l.contains("(epoch 0)"))).isNotEmpty().noneMatch(l -> l.contains(" groups "));
    assertThat(slotLines.stream().filter(l -> l.contains("(epoch 4)"))).isNotEmpty().allMatch(
        l -> l.contains("v" + groupValidators.get(0) + " ") && l.contains("v" + groupValidators.get(1) + " "));

    JsonNode summary = JSON.readTree(dir.resolve("report/summary.json").toFile());
    assertThat(summary.get("finalized").asBoolean()).as(summary.toString()).isTrue();
    System.out.printf("groups registered at the fork: %s; finalized epoch %d%n",
        slotLines.stream().filter(l -> l.contains("submitted")).findFirst().orElse(
            out.lines().filter(l -> l.contains("submitted to")).findFirst().orElse("?")),
        summary.get("finalized_epoch").asLong());
  }
}
