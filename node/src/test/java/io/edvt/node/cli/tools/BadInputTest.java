package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.node.cli.Vectors;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, as a user meets it: each is one line on stderr naming the flag or file and the
 * problem, no stack trace, and exit code 2.
 */
class BadInputTest {
  private static final Path CASE = Vectors.edvt("minimal").resolve("sanity/blocks/pyspec_tests/valid_group_proposer_all_signers");
  private static final Path STATE = CASE.resolve("pre.ssz_snappy");

  @TempDir Path tmp;

  private static void assertUsageError(Result r, String expectedLine) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).containsExactly(expectedLine);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aWrongTypeNameSuggestsTheNearestOne() {
    assertUsageError(Cli.run("ssz", "root", "--type", "BeaconStat", STATE),
        "edvt ssz root: --type BeaconStat: not an SSZ type of any of edvt/minimal, fulu/minimal, edvt/mainnet, fulu/mainnet; "
            + "did you mean BeaconState?");
    assertUsageError(Cli.run("ssz", "root", "--type", "Nonsense", "--preset", "minimal", STATE),
        "edvt ssz root: --type Nonsense: not an SSZ type of any of edvt/minimal, fulu/minimal; 'edvt ssz types' lists them");
  }

  @Test
  void aTypeOfTheWrongSizeNamesTheFieldAndTheNumbers() {
    Result r = Cli.run("ssz", "root", "--type", "Checkpoint", "--fork", "edvt", "--preset", "minimal", STATE);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("edvt ssz root: " + STATE + ": not Checkpoint of edvt/minimal (as edvt/minimal: Checkpoint: ");
  }

  @Test
  void aTruncatedFileIsNamed() throws Exception {
    Path truncatedSnappy = tmp.resolve("pre.ssz_snappy");
    Files.write(truncatedSnappy, java.util.Arrays.copyOf(Files.readAllBytes(STATE), 3000));
    assertUsageError(Cli.run("transition", "--pre", truncatedSnappy, "--blocks", CASE.resolve("blocks_0.ssz_snappy")),
        "edvt transition: --pre " + truncatedSnappy + ": not snappy block-format data (the .ssz_snappy extension says it is); "
            + "truncated or not compressed?");

    Path truncated = tmp.resolve("pre.ssz");
    byte[] ssz = Vectors.ssz(STATE);
    Files.write(truncated, java.util.Arrays.copyOf(ssz, ssz.length - 100));
    Result r = Cli.run("transition", "--fork", "edvt", "--preset", "minimal", "--pre", truncated, "--blocks",
        CASE.resolve("blocks_0.ssz_snappy"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("edvt transition: --pre " + truncated + ": not BeaconState of edvt/minimal (as edvt/minimal: BeaconState.");
  }

  @Test
  void aStateOfTheWrongForkOrPresetSaysWhatItIs() {
    assertUsageError(Cli.run("ssz", "root", "--type", "BeaconState", "--fork", "fulu", "--preset", "minimal", STATE),
        "edvt ssz root: " + STATE + ": not BeaconState of fulu/minimal (as fulu/minimal: BeaconState.historical_roots: offset "
            + "10965 must equal the fixed part size 10441); it decodes as BeaconState of edvt/minimal");
    assertUsageError(Cli.run("skip-slots", "--preset", "mainnet", "--pre", STATE, "--slots", 1),
        "edvt skip-slots: --pre " + STATE + ": not BeaconState of any of edvt/mainnet, fulu/mainnet (as edvt/mainnet: "
            + "BeaconState: only 22365 bytes, but the fixed part of BeaconState needs 2745429; as fulu/mainnet: BeaconState: "
            + "only 22365 bytes, but the fixed part of BeaconState needs 2737225); it decodes as BeaconState of edvt/minimal");
  }

  @Test
  void aMissingFileIsNamedWithItsFlag() {
    Path missing = tmp.resolve("nothing.ssz");
    assertUsageError(Cli.run("transition", "--pre", missing, "--blocks", CASE.resolve("blocks_0.ssz_snappy")),
        "edvt transition: --pre " + missing + ": no such file");
    assertUsageError(Cli.run("transition", "--pre", STATE, "--blocks", missing),
        "edvt transition: --blocks " + missing + ": no such file");
    assertUsageError(Cli.run("diff", STATE, missing), "edvt diff: " + missing + ": no such file");
    assertUsageError(Cli.run("ssz", "root", "--type", "BeaconState", "--config", missing, STATE),
        "edvt ssz root: --config " + missing + ": no such file");
  }

  @Test
  void aMalformedConfigNamesTheFileAndTheKey() throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, "PRESET_BASE: 'minimal'\nSECONDS_PER_SLOT: twelve\n");
    Result r = Cli.run("skip-slots", "--config", config, "--pre", STATE, "--slots", 1);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("edvt skip-slots: --config " + config + ": ")
        .contains("SECONDS_PER_SLOT");
    Files.writeString(config, "PRESET_BASE: 'minimal'\nNO_SUCH_KEY: 1\n");
    assertUsageError(Cli.run("skip-slots", "--config", config, "--pre", STATE, "--slots", 1),
        "edvt skip-slots: --config " + config + ": unknown key 'NO_SUCH_KEY'");
  }

  @Test
  void aConfigThatDoesNotScheduleTheStatesForkSaysSo() throws Exception {
    Path config = tmp.resolve("fulu-only.yaml");
    Files.writeString(config, EdvtConfig.load("minimal").toConfigYaml());
    assertUsageError(Cli.run("skip-slots", "--config", config, "--fork", "edvt", "--pre", STATE, "--slots", 1),
        "edvt skip-slots: --pre " + STATE + ": an edvt state at slot 19, but config " + config
            + " schedules edvt only from epoch 18446744073709551615 (EDVT_FORK_EPOCH)");
  }

  @Test
  void aFuluStatePastTheConfigsEdvtForkSaysItShouldHaveBeenUpgraded() throws Exception {
    Path fulu = Vectors.edvt("minimal").resolve("fork/fork/pyspec_tests/fork_fulu_state_0_slot_18/pre.ssz_snappy");
    Path config = tmp.resolve("edvt-at-1.yaml");
    Files.writeString(config, EdvtConfig.load("minimal", java.util.Map.of("EDVT_FORK_EPOCH", "1")).toConfigYaml());
    assertUsageError(Cli.run("skip-slots", "--config", config, "--fork", "fulu", "--pre", fulu, "--slots", 1),
        "edvt skip-slots: --pre " + fulu + ": a fulu state at slot 18, but config " + config
            + " has edvt from epoch 1 (EDVT_FORK_EPOCH): past the fork, the state should be edvt");
  }

  @Test
  void badFlagsAreOneLineWithAPointerToHelp() {
    assertUsageError(Cli.run("ssz", "root", "--type", "BeaconState", "--fork", "deneb", STATE),
        "edvt ssz root: Invalid value for option '--fork': 'deneb' is not a fork this client runs (fulu, edvt) "
            + "(see 'edvt ssz root --help')");
    assertUsageError(Cli.run("ssz", "root", "--type", "BeaconState", "--preset", "holesky", STATE),
        "edvt ssz root: Invalid value for option '--preset': 'holesky' is not a built-in preset (mainnet, minimal; "
            + "use --config FILE for another network) (see 'edvt ssz root --help')");
    assertUsageError(Cli.run("skip-slots", "--pre", STATE, "--slots", "many"),
        "edvt skip-slots: Invalid value for option '--slots': 'many' is not a long (see 'edvt skip-slots --help')");
    assertUsageError(Cli.run("transition", "--pre", STATE),
        "edvt transition: Missing required option: '--blocks=BLOCK' (see 'edvt transition --help')");
    assertUsageError(Cli.run("frobnicate"), "edvt: Unmatched argument at index 0: 'frobnicate' (see 'edvt --help')");
    assertUsageError(Cli.run("ssz", "root", "--type", "BeaconState", "--preset", "minimal", "--config", "x.yaml", STATE),
        "edvt ssz root: --preset and --config cannot be combined: the config file's PRESET_BASE names the preset "
            + "(see 'edvt ssz root --help')");
  }

  @Test
  void aWriteToAMissingDirectoryIsNamed() {
    Path out = tmp.resolve("no/such/dir/post.ssz");
    assertUsageError(Cli.run("skip-slots", "--pre", STATE, "--slots", 1, "--post", out).withoutStdout(),
        "edvt skip-slots: --post " + out + ": cannot write: no such directory");
  }
}
