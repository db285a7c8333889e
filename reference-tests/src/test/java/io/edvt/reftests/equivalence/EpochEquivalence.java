package io.edvt.reftests.equivalence;

import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.epoch.EpochProcessingExecutor;
import io.edvt.reftests.epoch.EpochProcessingExecutor.Step;
import io.edvt.reftests.operations.OperationsExecutor;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.Map;

/**
 * {@code epoch_processing}: the handler's step on {@code pre} and, where the case has them, the
 * whole {@code process_epoch} on {@code pre_epoch}, in Fulu and in EDVT (on the upgraded states).
 */
final class EpochEquivalence implements CaseComparison {
  private final EquivalenceSpecs specs;
  private final Rules rules;
  private final Map<String, Step> fulu;
  private final Map<String, Step> edvt;

  EpochEquivalence(EquivalenceSpecs specs, Rules rules) {
    this.specs = specs;
    this.rules = rules;
    this.fulu = EpochProcessingExecutor.steps(SpecMilestone.FULU, ReferenceSpecs.versions(EquivalenceSpecs.PRESET));
    this.edvt = EpochProcessingExecutor.steps(SpecMilestone.EDVT, specs.edvtVersions());
  }

  @Override
  public String skipReason(TestCase c) {
    return fulu.containsKey(c.handler()) ? null : "no epoch step 'process_" + c.handler() + "' in this client";
  }

  @Override
  public Comparison compare(TestCase c) {
    SignatureVerifier verifier = OperationsExecutor.verifierFor(c);
    Step fuluStep = fulu.get(c.handler());
    Step edvtStep = edvt.get(c.handler());
    Comparison step = compare(c, "pre", "post", (s, v) -> fuluStep.run(s, v), (s, v) -> edvtStep.run(s, v), verifier);
    if (step.difference() != null || !c.has("pre_epoch.ssz_snappy")) {
      return step;
    }
    Comparison epoch = compare(c, "pre_epoch", "post_epoch",
        (s, v) -> specs.fulu().epochProcessor().processEpoch(s, v),
        (s, v) -> specs.edvt().epochProcessor().processEpoch(s, v), verifier);
    return epoch.difference() == null ? step : Comparison.differs("process_epoch: " + epoch.difference());
  }

  private Comparison compare(TestCase c, String preName, String postName, Step fuluStep, Step edvtStep,
      SignatureVerifier verifier) {
    BeaconState pre = specs.fulu().schemas().beaconState().deserialize(c.ssz(preName));
    BeaconState upgraded = specs.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
    Outcome fuluOut = Outcome.of(() -> {
      MutableBeaconState s = new MutableBeaconState(pre);
      fuluStep.run(s, verifier);
      return s.commit();
    });
    Outcome edvtOut = Outcome.of(() -> {
      MutableBeaconState s = new MutableBeaconState(upgraded);
      edvtStep.run(s, verifier);
      return s.commit();
    });
    return Comparison.of(c, postName, fuluOut, edvtOut, upgraded, new RootMap(), rules);
  }
}
