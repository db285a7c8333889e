package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.Cli;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edvt devnet}'s parameters: refused one line each before anything is written or started. */
class DevnetCommandTest {
  @TempDir Path tmp;

  private Cli.Result devnet(Object... args) throws Exception {
    Path jar = Files.writeString(tmp.resolve("edvt.jar"), "not started");
    Object[] all = new Object[args.length + 5];
    all[0] = "devnet";
    all[1] = "--node-jar";
    all[2] = jar;
    all[3] = "--dir";
    all[4] = tmp.resolve("net");
    System.arraycopy(args, 0, all, 5, args.length);
    return Cli.run(all);
  }

  @Test
  void badParametersAreOneLineEachAndNothingStarts() throws Exception {
    Cli.Result r = devnet("--group-size", 4, "--threshold", 5, "--epochs", 0);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "edvt devnet: --threshold 5: more than --group-size 4 (need 1 <= m <= n)",
        "edvt devnet: --epochs 0: must be at least 1");
    assertThat(r.out()).isEmpty();
    assertThat(tmp.resolve("net")).doesNotExist();

    assertThat(devnet("--group-size", 17, "--threshold", 3).errLines())
        .containsExactly("edvt devnet: --group-size 17: more members than MAX_GROUP_SIZE (16)");
    assertThat(devnet("--validators", 3, "--nodes", 2, "--groups", 4).errLines()).containsExactly(
        "edvt devnet: --groups 4: more groups than validators (3); each group is one validator with its member keys");
    assertThat(devnet("--group-balance", 100).errLines()).containsExactly(
        "edvt devnet: --group-balance 100: too little balance for 4 members, a group needs at least 4 x 32 = 128 ETH"
            + " (MIN_ACTIVATION_BALANCE per member)");
  }

  @Test
  void killsAreCheckedOneLineEachBeforeAnythingStarts() throws Exception {
    Cli.Result r = devnet("--nodes", 4, "--epochs", 2, "--kill=2@x", "--kill=4@4", "--kill=1@0", "--kill=1@5:5",
        "--kill=0@17", "--kill=0@3:17", "--kill=2@4:10", "--kill=2@8");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "edvt devnet: --kill 2@x: expected <node>@<slot>[:<restartSlot>], for example 2@12:20",
        "edvt devnet: --kill 4@4: no node 4 (nodes are 0 to 3)",
        "edvt devnet: --kill 1@0: the kill slot must be 1 or later (slot 0 is genesis)",
        "edvt devnet: --kill 1@5:5: the restart slot must be after the kill slot",
        "edvt devnet: --kill 0@17: slot 17 is after the run's last slot 16",
        "edvt devnet: --kill 0@3:17: restart slot 17 is after the run's last slot 16",
        "edvt devnet: --kill 2@4:10 and --kill 2@8: node 2 would be killed while down");
    assertThat(r.out()).isEmpty();
    assertThat(tmp.resolve("net")).doesNotExist();
  }

  @Test
  void misbehavioursAreCheckedOneLineEachBeforeAnythingStarts() throws Exception {
    Cli.Result r = devnet("--nodes", 4, "--epochs", 2, "--delay=1:x", "--delay=1:0", "--delay=2:400.5", "--delay=1:400",
        "--drop=2:1.5", "--drop=2:0", "--withhold=one", "--withhold=4", "--equivocate=3", "--equivocate=3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "edvt devnet: --delay 1:x: expected <node>:<ms>, for example 1:400",
        "edvt devnet: --delay 1:0: the delay must be a whole number of ms from 1 to 60000",
        "edvt devnet: --delay 2:400.5: the delay must be a whole number of ms from 1 to 60000",
        "edvt devnet: --drop 2:1.5: the rate must be more than 0 and at most 1",
        "edvt devnet: --drop 2:0: the rate must be more than 0 and at most 1",
        "edvt devnet: --withhold one: expected <node>, for example 1",
        "edvt devnet: --withhold 4: no node 4 (nodes are 0 to 3)",
        "edvt devnet: --equivocate 3 and --equivocate 3: node 3 is given --equivocate twice");
    assertThat(r.out()).isEmpty();
    assertThat(tmp.resolve("net")).doesNotExist();
  }

  @Test
  void blobsPerBlockAreBoundedByTheForksMaximum() throws Exception {
    Cli.Result r = devnet("--nodes", 4, "--epochs", 2, "--blobs-per-block", 10);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "edvt devnet: --blobs-per-block 10: must be 0 to the fork's max blobs per block, 9");
    assertThat(tmp.resolve("net")).doesNotExist();
  }

  @Test
  void equivocatorsThatCanGetAGroupSlashedAreWarnedAbout() {
    // member j of group g on node (g + j) mod nodes
    DevnetParameters threeOfFour = new DevnetParameters(64, 4, 2, 4, 3, 128_000_000_000L, 2000, 0, 0, 16);
    assertThat(NodeChaos.warnings(List.of(NodeChaos.parse(NodeChaos.Kind.EQUIVOCATE, "2")), threeOfFour))
        .as("one of four members of each group, 2m - n = 2").isEmpty();
    assertThat(NodeChaos.warnings(List.of(NodeChaos.parse(NodeChaos.Kind.EQUIVOCATE, "2"),
        NodeChaos.parse(NodeChaos.Kind.EQUIVOCATE, "3")), threeOfFour)).containsExactly(
        "--equivocate: group 0 has 2 member(s) on equivocating nodes, not fewer than 2m - n = 2: honest members cannot keep it "
            + "from being slashable",
        "--equivocate: group 1 has 2 member(s) on equivocating nodes, not fewer than 2m - n = 2: honest members cannot keep it "
            + "from being slashable");
    DevnetParameters threeOfFive = new DevnetParameters(64, 5, 1, 5, 3, 160_000_000_000L, 2000, 0, 0, 16);
    assertThat(NodeChaos.warnings(List.of(NodeChaos.parse(NodeChaos.Kind.EQUIVOCATE, "0")), threeOfFive))
        .as("2m > n, yet one equivocator is enough when 2m - n = 1").hasSize(1);
  }

  @Test
  void aMisbehaviourBecomesTheNodesTestingOnlyFlag() {
    assertThat(NodeChaos.parse(NodeChaos.Kind.DELAY, "1:400").nodeFlag()).isEqualTo("--Xchaos-member-delay-ms=400");
    assertThat(NodeChaos.parse(NodeChaos.Kind.DROP, "2:0.25").nodeFlag()).isEqualTo("--Xchaos-member-drop-rate=0.25");
    assertThat(NodeChaos.parse(NodeChaos.Kind.WITHHOLD, "0").nodeFlag()).isEqualTo("--Xchaos-withhold-proposals=true");
    NodeChaos e = NodeChaos.parse(NodeChaos.Kind.EQUIVOCATE, " 3 ");
    assertThat(e.node()).isEqualTo(3);
    assertThat(e.nodeFlag()).isEqualTo("--Xchaos-equivocate=true");
    assertThat(e.text()).isEqualTo("--equivocate 3");
  }

  @Test
  void aKillIsANodeASlotAndMaybeARestart() {
    NodeKill k = NodeKill.parse("2@12:20");
    assertThat(k).isEqualTo(new NodeKill(2, 12, java.util.OptionalLong.of(20)));
    assertThat(k.downAt(11)).isFalse();
    assertThat(k.downAt(12)).isTrue();
    assertThat(k.downAt(19)).isTrue();
    assertThat(k.downAt(20)).isFalse();
    assertThat(NodeKill.parse("0@3").downAt(1_000)).isTrue();
    assertThat(NodeKill.problems(java.util.List.of(k, NodeKill.parse("2@20")), 3, 48)).isEmpty();
  }

  @Test
  void aFolderThatHoldsSomethingElseIsNotTouched() throws Exception {
    Path net = Files.createDirectories(tmp.resolve("net"));
    Files.writeString(net.resolve("notes.txt"), "mine");
    Cli.Result r = devnet();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("edvt devnet: --dir " + net
        + ": exists and holds no devnet (devnet.json); choose an empty or new folder");
    assertThat(net.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void aMissingJarIsNamed() {
    Cli.Result r = Cli.run("devnet", "--node-jar", tmp.resolve("none.jar"), "--dir", tmp.resolve("net"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("edvt devnet: --node-jar " + tmp.resolve("none.jar") + ": no such file");
  }

  @Test
  void helpNamesTheFlagsAndTheReport() {
    Cli.Result r = Cli.run("devnet", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--nodes", "--validators", "--groups", "--group-size", "--threshold", "--slot-ms",
        "--edvt-fork-epoch", "--epochs", "--dir", "--kill", "summary.json", "finality.png", "Exit code 0");
  }
}
