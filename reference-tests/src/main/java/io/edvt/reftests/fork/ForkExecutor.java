package io.edvt.reftests.fork;

import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;

/**
 * Runner {@code fork}, handler {@code fork}: {@code meta.yaml} names the fork upgraded to; its
 * upgrade function applied to {@code pre} (a state of the fork before) must give {@code post}.
 * Supported: {@code fulu} ({@code upgrade_to_fulu} of an Electra state) and {@code edvt}
 * ({@code upgrade_to_edvt} of a Fulu state).
 */
public final class ForkExecutor implements TestExecutor {

  @Override
  public void run(TestCase c) {
    String to = c.yaml("meta.yaml").path("fork").asText();
    if (to.equals("edvt")) {
      upgradeToEdvt(c);
      return;
    }
    if (!to.equals("fulu")) {
      throw new SkipCase("no upgrade to fork '" + to + "' in this client");
    }
    SpecFulu spec = StateCases.spec(c);
    byte[] preBytes = c.ssz("pre");
    BeaconStateElectra pre = BeaconStateElectra.required(
        ReferenceSpecs.electraSchemas(c.preset()).beaconState().deserialize(preBytes));
    // The Electra layout itself: the pre state re-serialises to the very same bytes.
    if (!java.util.Arrays.equals(pre.serialize(), preBytes)) {
      throw new AssertionError("the Electra pre state does not re-serialise to its input bytes");
    }
    BeaconStateFulu actual = spec.forkUpgrade().upgradeToFulu(pre);
    StateCases.assertStateEquals(StateCases.state(spec, c, "post"), actual);
  }

  /** {@code upgrade_to_edvt} of a Fulu {@code pre} state must give the EDVT {@code post} state. */
  private static void upgradeToEdvt(TestCase c) {
    SpecEdvt spec = ReferenceSpecs.edvt(c.preset());
    byte[] preBytes = c.ssz("pre");
    BeaconStateFulu pre = BeaconStateFulu.required(
        ReferenceSpecs.spec(c.preset(), "fulu").schemas().beaconState().deserialize(preBytes));
    if (!java.util.Arrays.equals(pre.serialize(), preBytes)) {
      throw new AssertionError("the Fulu pre state does not re-serialise to its input bytes");
    }
    BeaconStateEdvt actual = spec.forkUpgrade().upgradeToEdvt(pre);
    StateCases.assertStateEquals(StateCases.state(spec, c, "post"), actual);
  }
}
