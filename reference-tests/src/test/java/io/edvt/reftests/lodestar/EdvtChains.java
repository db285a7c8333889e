package io.edvt.reftests.lodestar;

import io.edvt.spec.config.SpecConfig;

/**
 * Wires the differential test to EDVT: the chain builder (signed blocks with attestations,
 * deposit requests, exits, slashings and execution requests over several epochs) and
 * {@code StateTransitionFulu} as an {@link OurTransition}.
 *
 * <p>Both are being written on branch {@code issue3-transition} and are not on this branch yet;
 * until they are merged these methods throw and {@link LodestarDifferentialTest} is disabled.
 * After the merge only this class needs filling in.
 */
final class EdvtChains {
  static final String NOT_YET =
      "needs the chain builder and StateTransitionFulu from branch issue3-transition, which are not merged yet";

  private EdvtChains() {}

  /**
   * A busy chain of {@code epochs} epochs from a Fulu genesis in {@code preset} ({@code minimal}
   * or {@code mainnet}), built and signed by our chain builder.
   */
  static DifferentialChain busyChain(String preset, int epochs) {
    throw new UnsupportedOperationException(NOT_YET);
  }

  /** Our state transition for {@code config}, with every signature verified. */
  static OurTransition ourTransition(SpecConfig config) {
    throw new UnsupportedOperationException(NOT_YET);
  }
}
