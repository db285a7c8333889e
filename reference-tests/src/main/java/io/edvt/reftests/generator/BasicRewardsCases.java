package io.edvt.reftests.generator;

import io.edvt.spec.datastructures.state.BeaconState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code rewards/basic}: the four deltas of EDVT states with and without groups. */
final class BasicRewardsCases {
  private final CaseWriter out;
  private final EdvtStates states;

  BasicRewardsCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
  }

  void all() {
    int slotsPerEpoch = states.slotsPerEpoch();
    Map<String, BeaconState> pres = new LinkedHashMap<>();
    pres.put("edvt_state_with_groups", states.grouped(3L * slotsPerEpoch - 1, true));
    pres.put("edvt_state_without_groups", states.grouped(3L * slotsPerEpoch - 1, false));
    pres.put("edvt_state_with_groups_later", states.grouped(4L * slotsPerEpoch - 1, true));
    for (var e : pres.entrySet()) {
      Path dir = out.caseDir(EdvtStates.PRESET, "rewards", "basic", "pyspec_tests", e.getKey());
      out.state(dir, "pre", e.getValue());
      DeltasFiles.write(out, dir, states.config().validatorRegistryLimit().longValue(),
          DeltasFiles.of(states.edvt(), e.getValue()));
    }
  }
}
