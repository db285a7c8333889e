package io.edvt.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.Cli.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root command: help on every command, the version, and what a missing command says. */
class EdvtCommandTest {
  private static final List<List<String>> COMMANDS = List.of(List.of(), List.of("ssz"), List.of("ssz", "root"),
      List.of("ssz", "decode"), List.of("ssz", "encode"), List.of("ssz", "types"), List.of("transition"),
      List.of("skip-slots"), List.of("diff"), List.of("rewards"));

  @Test
  void everyCommandHasHelpThatNamesItsUsage() {
    for (List<String> command : COMMANDS) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new java.util.ArrayList<>(command);
        args.add(flag);
        Result r = Cli.run(args.toArray());
        assertThat(r.exitCode()).as(args + "\n" + r).isZero();
        assertThat(r.out()).as(args.toString()).startsWith("Usage: edvt" + (command.isEmpty() ? "" : " " + String.join(" ", command)))
            .contains("--verbose");
        assertThat(r.err()).isEmpty();
      }
    }
    assertThat(Cli.run("help", "transition").out()).startsWith("Usage: edvt transition");
  }

  @Test
  void theRootHelpListsTheToolsAndTheExitCodes() {
    String help = Cli.run("--help").out();
    assertThat(help).contains("ssz ", "transition ", "skip-slots ", "diff ", "rewards ");
    assertThat(help).contains("Exit codes:", "  2   usage error");
  }

  @Test
  void versionNamesTheBuildAndTheForks() {
    Result r = Cli.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines().get(0)).matches("edvt \\S+ \\(forks: fulu, edvt\\)");
    assertThat(r.outLines().get(0)).doesNotContain("unknown", "${");
  }

  @Test
  void aMissingCommandIsAUsageError() {
    Result r = Cli.run();
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.errLines()).containsExactly(
        "edvt: name a command: beacon-node, ssz, transition, skip-slots, diff, rewards, slashing-protection, genesis, devnet or group (see 'edvt --help')");
    Result ssz = Cli.run("ssz");
    assertThat(ssz.errLines()).containsExactly("edvt ssz: name a command: root, decode, encode or types (see 'edvt ssz --help')");
  }
}
