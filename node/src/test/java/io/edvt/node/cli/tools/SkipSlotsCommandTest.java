package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.node.cli.Vectors;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code edvt skip-slots} against {@code sanity/slots}, and across the EDVT fork with a config file. */
class SkipSlotsCommandTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everySanitySlotsCaseGivesItsPost() {
    List<Path> edvt = Vectors.cases(Vectors.edvt("minimal").resolve("sanity/slots"));
    List<Path> fulu = Vectors.cases(Vectors.fulu("minimal").resolve("sanity/slots"));
    assertThat(edvt).hasSizeGreaterThanOrEqualTo(6);
    return Stream.concat(edvt.stream(), fulu.stream().limit(4))
        .map(c -> dynamicTest(c.getParent().getParent().getParent().getParent().getFileName() + "/" + c.getFileName(),
            () -> runCase(c)));
  }

  private void runCase(Path c) throws Exception {
    long slots = Vectors.yaml(c.resolve("slots.yaml")).asLong();
    Path post = tmp.resolve("post.ssz");
    Result r = Cli.run("skip-slots", "--pre", c.resolve("pre.ssz_snappy"), "--slots", slots, "--post", post);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String expectedRoot = Cli.run("ssz", "root", "--type", "BeaconState", c.resolve("post.ssz_snappy")).out().strip();
    assertThat(r.outLines().get(1)).contains("post-state root " + expectedRoot);
    assertThat(Files.readAllBytes(post)).isEqualTo(Vectors.ssz(c.resolve("post.ssz_snappy")));
  }

  @Test
  void toASlotIsTheSameAsThatManySlots() {
    Path c = Vectors.of(Vectors.edvt("minimal"), "sanity/slots/pyspec_tests/groups_two_epochs");
    String byCount = Cli.run("skip-slots", "--pre", c.resolve("pre.ssz_snappy"), "--slots", 16).outLines().get(1);
    String pre = Cli.run("skip-slots", "--pre", c.resolve("pre.ssz_snappy"), "--slots", 1).outLines().get(0);
    long from = Long.parseLong(pre.replaceAll(".*, slot (\\d+), root.*", "$1"));
    String bySlot = Cli.run("skip-slots", "--pre", c.resolve("pre.ssz_snappy"), "--to", from + 16).outLines().get(1);
    assertThat(bySlot.replaceAll(" \\(.*", "")).isEqualTo(byCount.replaceAll(" \\(.*", ""));
  }

  @Test
  void crossesIntoEdvtAtTheForkEpochOfAConfigFile() throws Exception {
    // a Fulu state at slot 18 (minimal) on a network that forks into EDVT at epoch 3 (slot 24)
    Path pre = Vectors.of(Vectors.edvt("minimal"), "fork/fork/pyspec_tests/fork_fulu_state_0_slot_18").resolve("pre.ssz_snappy");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "3")).toConfigYaml());
    Path post = tmp.resolve("post.ssz");
    Result r = Cli.run("skip-slots", "--config", config, "--pre", pre, "--to", 26, "--post", post);
    assertThat(r.exitCode()).as(r.toString()).isZero();

    // the same by hand: Fulu's process_slots to the fork slot, upgrade_to_edvt, EDVT's to slot 26
    SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "3")));
    BeaconState fulu = versions.fulu().schemas().beaconState().deserialize(Vectors.ssz(pre));
    BeaconState atFork = versions.edvt().forkUpgrade().upgradeToEdvt(
        BeaconStateFulu.required(versions.fulu().stateTransition().processSlots(fulu, UInt64.valueOf(24))));
    BeaconState expected = versions.edvt().stateTransition().processSlots(atFork, UInt64.valueOf(26));
    assertThat(r.outLines().get(0)).contains("fulu (config " + config + "), slot 18");
    assertThat(r.outLines().get(1)).startsWith("slot 26 (edvt): post-state root " + expected.hashTreeRoot());
    assertThat(SpecVersions.milestoneOf(versions.edvt().schemas().beaconState().deserialize(Files.readAllBytes(post))))
        .isEqualTo(SpecMilestone.EDVT);

    // without the config, the state stays Fulu
    Result plain = Cli.run("skip-slots", "--pre", pre, "--to", 26);
    assertThat(plain.outLines().get(1)).startsWith("slot 26 (fulu): post-state root ");
  }

  @Test
  void refusesAZeroCountAndASlotThatIsNotAhead() {
    Path pre = Vectors.of(Vectors.edvt("minimal"), "sanity/slots/pyspec_tests/groups_two_epochs").resolve("pre.ssz_snappy");
    Result zero = Cli.run("skip-slots", "--pre", pre, "--slots", 0);
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.errLines()).containsExactly("edvt skip-slots: --slots 0: must be at least 1 (see 'edvt skip-slots --help')");
    Result back = Cli.run("skip-slots", "--pre", pre, "--to", 1);
    assertThat(back.exitCode()).isEqualTo(2);
    assertThat(back.errLines().get(0)).startsWith("edvt skip-slots: --to 1: must be after the state's slot ");
    Result both = Cli.run("skip-slots", "--pre", pre, "--to", 100, "--slots", 3);
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.errLines()).hasSize(1);
    assertThat(both.errLines().get(0)).contains("mutually exclusive");
  }
}
