package io.edvt.reftests.equivalence;

import io.edvt.reftests.TestCase;
import io.edvt.reftests.epoch.RewardsExecutor.DeltasContainer;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code rewards}: EDVT's four deltas of the upgraded {@code pre} state must be the case's (Fulu's). */
final class RewardsEquivalence implements CaseComparison {
  private final EquivalenceSpecs specs;

  RewardsEquivalence(EquivalenceSpecs specs) {
    this.specs = specs;
  }

  @Override
  public String skipReason(TestCase c) {
    return null;
  }

  @Override
  public Comparison compare(TestCase c) {
    BeaconState pre = specs.fulu().schemas().beaconState().deserialize(c.ssz("pre"));
    MutableBeaconState state = new MutableBeaconState(specs.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre)));
    var deltasType = DeltasContainer.type(specs.edvt().config().validatorRegistryLimit().longValue());
    EpochProcessorFulu p = specs.edvt().epochProcessor();
    Map<String, Function<MutableBeaconState, Deltas>> functions = new LinkedHashMap<>();
    functions.put("source_deltas", s -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_SOURCE_FLAG_INDEX));
    functions.put("target_deltas", s -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_TARGET_FLAG_INDEX));
    functions.put("head_deltas", s -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_HEAD_FLAG_INDEX));
    functions.put("inactivity_penalty_deltas", p::getInactivityPenaltyDeltas);
    List<String> diffs = new ArrayList<>();
    for (var e : functions.entrySet()) {
      DeltasContainer expected = deltasType.deserialize(c.ssz(e.getKey()));
      Deltas actual = e.getValue().apply(state);
      if (!Arrays.equals(expected.rewards().toLongArray(), actual.rewards())) {
        diffs.add(e.getKey() + ".rewards differ from Fulu's");
      }
      if (!Arrays.equals(expected.penalties().toLongArray(), actual.penalties())) {
        diffs.add(e.getKey() + ".penalties differ from Fulu's");
      }
    }
    return diffs.isEmpty() ? Comparison.same() : Comparison.differs(String.join("; ", diffs));
  }
}
