package io.edvt.reftests.sanity;

import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * Runner {@code sanity}, handler {@code slots}: {@code process_slots(pre, pre.slot + N)} with
 * {@code N} from {@code slots.yaml} must give {@code post}.
 */
public final class SanitySlotsExecutor implements TestExecutor {

  @Override
  public void run(TestCase c) {
    SpecFulu spec = StateCases.spec(c);
    BeaconState pre = StateCases.state(spec, c, "pre");
    long slots = c.yaml("slots.yaml").asLong(-1);
    if (slots <= 0) {
      throw new IllegalStateException("slots.yaml must hold a positive number of slots");
    }
    BeaconState actual = spec.stateTransition().processSlots(pre, pre.slot().plus(slots));
    StateCases.assertStateEquals(StateCases.state(spec, c, "post"), actual);
  }
}
