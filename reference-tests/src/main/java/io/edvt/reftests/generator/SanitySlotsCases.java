package io.edvt.reftests.generator;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.nio.file.Path;
import java.util.List;

/** {@code sanity/slots}: {@code process_slots} across epoch boundaries on EDVT states with and without groups. */
final class SanitySlotsCases {
  private final CaseWriter out;
  private final EdvtStates states;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  SanitySlotsCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    sanitySlots();
  }

  private void sanitySlots() {
    BeaconStateEdvt withGroups = states.grouped(3L * slotsPerEpoch - 1, true);
    BeaconStateEdvt noGroups = states.grouped(3L * slotsPerEpoch - 1, false);
    for (long n : List.of(1L, 2L, (long) slotsPerEpoch, slotsPerEpoch + 1L)) {
      slots("groups_across_epoch_boundary_" + n + "_slots", withGroups, n);
    }
    slots("no_groups_across_epoch_boundary_1_slot", noGroups, 1);
    slots("groups_two_epochs", withGroups, 2L * slotsPerEpoch);
  }

  private void slots(String name, BeaconState pre, long n) {
    Path dir = out.caseDir(EdvtStates.PRESET, "sanity", "slots", "pyspec_tests", name);
    out.state(dir, "pre", pre);
    out.yaml(dir, "slots.yaml", n);
    out.state(dir, "post", edvt.stateTransition().processSlots(pre, pre.slot().plus(n)));
  }
}
