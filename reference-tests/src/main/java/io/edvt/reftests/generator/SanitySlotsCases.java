package io.edvt.reftests.generator;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sanity/slots}: {@code process_slots} across epoch boundaries on EDVT states with and
 * without groups (pre states at the last slot of epoch 2).
 */
final class SanitySlotsCases {
  private final CaseWriter out;
  private final EdvtStates states;
  private final SpecEdvt edvt;
  private final int slotsPerEpoch;

  SanitySlotsCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
    this.edvt = states.edvt();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    BeaconStateEdvt withGroups = states.grouped(3L * slotsPerEpoch - 1, true);
    BeaconStateEdvt noGroups = states.grouped(3L * slotsPerEpoch - 1, false);
    for (long n : List.of(1L, 2L, (long) slotsPerEpoch, slotsPerEpoch + 1L)) {
      slots("groups_across_epoch_boundary_" + n + "_slots", withGroups, n, 1, 2);
    }
    slots("no_groups_across_epoch_boundary_1_slot", noGroups, 1, 1, 0);
    slots("groups_two_epochs", withGroups, 2L * slotsPerEpoch, 2, 2);
  }

  /**
   * {@code n} slots from {@code pre}; the case must cross at least {@code epochs} epoch boundaries
   * and keep its {@code groups} groups, as its name says.
   */
  private void slots(String name, BeaconState pre, long n, int epochs, int groups) {
    BeaconState post = edvt.stateTransition().processSlots(pre, pre.slot().plus(n));
    long epochsCrossed = edvt.misc().computeEpochAtSlot(post.slot()).minus(edvt.misc().computeEpochAtSlot(pre.slot()))
        .longValue();
    GroupChains.check(epochsCrossed >= epochs && EdvtStates.edvtState(pre).groups().size() == groups
        && EdvtStates.edvtState(post).groups().size() == groups,
        name + ": " + n + " slots cross at least " + epochs + " epoch boundaries with " + groups + " groups (crossed " + epochsCrossed + ")");
    Path dir = out.caseDir(EdvtStates.PRESET, "sanity", "slots", "pyspec_tests", name);
    out.state(dir, "pre", pre);
    out.yaml(dir, "slots.yaml", n);
    out.state(dir, "post", post);
  }
}
