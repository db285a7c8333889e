package io.edvt.spec.logic.versions.fulu;

import io.edvt.spec.datastructures.state.MutableBeaconState;

/** Placeholder: being written (issue 3, branch issue3-epoch). */
public class EpochProcessorFulu {
  protected final SpecFulu spec;

  public EpochProcessorFulu(SpecFulu spec) {
    this.spec = spec;
  }

  /** {@code process_epoch} (Fulu): not written yet on this branch. */
  public void processEpoch(MutableBeaconState state) {
    throw new UnsupportedOperationException("process_epoch lands with branch issue3-epoch");
  }
}
