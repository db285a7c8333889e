package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.node.cli.Vectors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code edvt diff}: the fields two states differ in, and diff(1)'s exit codes. */
class DiffCommandTest {

  @Test
  void namesTheFieldsAnEpochTransitionChanged() {
    Path c = Vectors.of(Vectors.edvt("minimal"), "sanity/slots/pyspec_tests/groups_across_epoch_boundary_1_slots");
    Result r = Cli.run("diff", c.resolve("pre.ssz_snappy"), c.resolve("post.ssz_snappy"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("slot: \\d+ -> \\d+"));
    assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("state_roots\\[\\d+\\]: 0x0{64} -> 0x[0-9a-f]{64}"));
    // the epoch transition rotated the group members' participation
    assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("previous_epoch_member_participation["));
    String summary = r.outLines().get(r.outLines().size() - 1);
    assertThat(summary).startsWith("# ").contains("fields differ: ").contains("slot", "state_roots", "balances",
        "previous_epoch_member_participation");
  }

  @Test
  void equalStatesHaveNoDifferencesAndExitZero() {
    Path c = Vectors.of(Vectors.edvt("minimal"), "sanity/slots/pyspec_tests/groups_two_epochs");
    Result r = Cli.run("diff", c.resolve("pre.ssz_snappy"), c.resolve("pre.ssz_snappy"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines()).containsExactly("no differences");
  }

  @Test
  void comparesAFuluStateWithItsEdvtUpgradeFieldByField() {
    Path c = Vectors.of(Vectors.edvt("minimal"), "fork/fork/pyspec_tests/fork_fulu_state_0_slot_18");
    Result r = Cli.run("diff", c.resolve("pre.ssz_snappy"), c.resolve("post.ssz_snappy"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.outLines()).contains(
        "# " + c.resolve("pre.ssz_snappy") + " is fulu/minimal, " + c.resolve("post.ssz_snappy") + " is edvt/minimal",
        "groups: (absent) -> []",
        "# 6 fields differ: fork, groups, previous_epoch_member_participation, current_epoch_member_participation, "
            + "current_sync_committee_signers, next_sync_committee_signers");
    assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("fork.current_version: 0x"));
  }

  @Test
  void listsAtMostTheGivenNumberOfElementsPerList() {
    Path c = Vectors.of(Vectors.edvt("minimal"), "sanity/slots/pyspec_tests/groups_two_epochs");
    Result r = Cli.run("diff", "--max-per-list", 2, c.resolve("pre.ssz_snappy"), c.resolve("post.ssz_snappy"));
    assertThat(r.outLines().stream().filter(l -> l.startsWith("balances[")).count()).isEqualTo(2);
    assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("balances: \\.\\.\\. -> \\d+ more elements differ"));
  }
}
