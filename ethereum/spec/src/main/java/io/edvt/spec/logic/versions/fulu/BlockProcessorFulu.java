package io.edvt.spec.logic.versions.fulu;

/** Placeholder: being written (issue 3). */
public class BlockProcessorFulu {
  protected final SpecFulu spec;

  public BlockProcessorFulu(SpecFulu spec) {
    this.spec = spec;
  }
}
