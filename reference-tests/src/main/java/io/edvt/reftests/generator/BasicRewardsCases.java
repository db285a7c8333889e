package io.edvt.reftests.generator;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code rewards/basic}: the four deltas of EDVT states with and without groups (validators 3 and
 * 10, with some member flags set). Each case checks it has the groups it names, and that a group
 * validator is penalised for source and target exactly when it has no flags: the validator's flags,
 * which only {@code m} members' votes set, decide its rewards, not its members' own flags.
 */
final class BasicRewardsCases {
  private final CaseWriter out;
  private final EdvtStates states;

  BasicRewardsCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
  }

  void all() {
    int slotsPerEpoch = states.slotsPerEpoch();
    write("edvt_state_with_groups", states.grouped(3L * slotsPerEpoch - 1, true), 2);
    write("edvt_state_without_groups", states.grouped(3L * slotsPerEpoch - 1, false), 0);
    write("edvt_state_with_groups_later", states.grouped(4L * slotsPerEpoch - 1, true), 2);
  }

  private void write(String name, BeaconState pre, int groups) {
    Map<String, Deltas> deltas = DeltasFiles.of(states.edvt(), pre);
    GroupChains.check(EdvtStates.edvtState(pre).groups().size() == groups, name + ": " + groups + " groups");
    long[] source = deltas.get("source_deltas").penalties();
    long[] target = deltas.get("target_deltas").penalties();
    if (groups > 0) {
      for (int v : new int[] {3, 10}) {
        GroupChains.check((GroupEffects.previousFlags(pre, v) == 0) == (source[v] != 0 && target[v] != 0),
            name + ": group validator " + v + " is penalised for source and target exactly when it has no flags");
      }
    }
    Path dir = out.caseDir(EdvtStates.PRESET, "rewards", "basic", "pyspec_tests", name);
    out.state(dir, "pre", pre);
    DeltasFiles.write(out, dir, states.config().validatorRegistryLimit().longValue(), deltas);
  }
}
