package io.edvt.reftests.fork;

import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.util.Arrays;

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
    SpecMilestone target = SpecMilestone.byForkName(to)
        .orElseThrow(() -> new SkipCase("no upgrade to fork '" + to + "' in this client"));
    if (target != c.milestone()) {
      throw new AssertionError("meta.yaml upgrades to '" + to + "' but the case is in fork folder '" + c.fork() + "'");
    }
    SpecVersions versions = ReferenceSpecs.versions(c.preset());
    byte[] preBytes = c.ssz("pre");
    BeaconState pre = switch (target) {
      case FULU -> ReferenceSpecs.electraSchemas(c.preset()).beaconState().deserialize(preBytes);
      case EDVT -> versions.fulu().schemas().beaconState().deserialize(preBytes);
    };
    // The previous fork's layout itself: the pre state re-serialises to the very same bytes.
    if (!Arrays.equals(pre.serialize(), preBytes)) {
      throw new AssertionError("the pre state does not re-serialise to its input bytes");
    }
    BeaconState actual = versions.upgradeTo(target, pre);
    StateCases.assertStateEquals(StateCases.state(versions.forMilestone(target), c, "post"), actual);
  }
}
