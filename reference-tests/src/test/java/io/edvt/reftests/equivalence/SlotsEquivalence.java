package io.edvt.reftests.equivalence;

import io.edvt.reftests.TestCase;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.logic.common.SignatureVerifier;

/** {@code sanity/slots}: {@code process_slots} by the case's number of slots, in Fulu and in EDVT. */
final class SlotsEquivalence implements CaseComparison {
  private final EquivalenceSpecs specs;
  private final Rules rules;

  SlotsEquivalence(EquivalenceSpecs specs, Rules rules) {
    this.specs = specs;
    this.rules = rules;
  }

  @Override
  public String skipReason(TestCase c) {
    return c.has("config.yaml") ? "the case brings its own config.yaml" : null;
  }

  @Override
  public Comparison compare(TestCase c) {
    BeaconState pre = StateCases.state(specs.fulu(), c, "pre");
    BeaconState upgraded = specs.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
    long slots = c.yaml("slots.yaml").asLong();
    RootMap roots = new RootMap();
    SlotStepper.Pair post = new SlotStepper(specs.fulu(), specs.edvt(), SignatureVerifier.SIMPLE, roots)
        .advance(new SlotStepper.Pair(pre, upgraded), pre.slot().plus(slots));
    return Comparison.of(c, new Outcome(post.fulu(), null), new Outcome(post.edvt(), null), upgraded, roots, rules);
  }
}
