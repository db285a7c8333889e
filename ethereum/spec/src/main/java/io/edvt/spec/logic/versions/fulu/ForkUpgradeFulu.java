package io.edvt.spec.logic.versions.fulu;

/** Placeholder: being written (issue 3). */
public class ForkUpgradeFulu {
  protected final SpecFulu spec;

  public ForkUpgradeFulu(SpecFulu spec) {
    this.spec = spec;
  }
}
