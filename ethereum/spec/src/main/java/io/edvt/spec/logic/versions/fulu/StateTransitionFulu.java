package io.edvt.spec.logic.versions.fulu;

/** Placeholder: being written (issue 3). */
public class StateTransitionFulu {
  protected final SpecFulu spec;

  public StateTransitionFulu(SpecFulu spec) {
    this.spec = spec;
  }
}
