package io.edvt.reftests.equivalence;

import io.edvt.reftests.ReferenceSpecs;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Map;

/**
 * The two forks the equivalence compares, on the minimal preset: Fulu as the vectors were made
 * for, and EDVT with {@code EDVT_FORK_VERSION} set to {@code FULU_FORK_VERSION}. Every signing
 * domain depends on the fork version, so with the same version every signature a Fulu operation
 * carries still verifies in EDVT; only the messages EDVT changes (blocks) are signed again.
 */
final class EquivalenceSpecs {
  static final String PRESET = "minimal";

  private final SpecFulu fulu;
  private final SpecVersions edvtVersions;

  EquivalenceSpecs() {
    this.fulu = ReferenceSpecs.spec(PRESET, SpecMilestone.FULU);
    String fuluVersion = fulu.config().fuluForkVersion().toHexString();
    SpecConfig config = EdvtConfig.load(PRESET, Map.of("EDVT_FORK_VERSION", fuluVersion));
    this.edvtVersions = new SpecVersions(config);
  }

  SpecFulu fulu() {
    return fulu;
  }

  SpecEdvt edvt() {
    return edvtVersions.edvt();
  }

  /** EDVT's logic as the runners' handler tables take it. */
  SpecVersions edvtVersions() {
    return edvtVersions;
  }
}
