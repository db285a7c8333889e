package io.edvt.spec.logic.versions.fulu;

import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;

/** Placeholder: being written (issue 3, branch issue3-block). */
public class BlockProcessorFulu {
  protected final SpecFulu spec;

  public BlockProcessorFulu(SpecFulu spec) {
    this.spec = spec;
  }

  /** {@code process_block} (Fulu): not written yet on this branch. */
  public void processBlock(MutableBeaconState state, BeaconBlock block, SignatureVerifier verifier, ExecutionEngine engine) {
    throw new UnsupportedOperationException("process_block lands with branch issue3-block");
  }
}
