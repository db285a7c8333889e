package io.edvt.spec.logic.versions.fulu;

/** Placeholder: being written (issue 3). */
public class EpochProcessorFulu {
  protected final SpecFulu spec;

  public EpochProcessorFulu(SpecFulu spec) {
    this.spec = spec;
  }
}
