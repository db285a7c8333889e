package io.edvt.reftests.generator;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code operations} cases: {@code meta.yaml} ({@code bls_setting: 1}), {@code pre}, the
 * operation, and {@code post} when the operation is accepted. A case named {@code valid_*} must be
 * accepted and one named {@code invalid_*} rejected, or the generation fails.
 */
final class OperationCases {
  private final CaseWriter out;
  private final EdvtStates states;

  /** The processing of the operation on a working copy of the pre state. */
  @FunctionalInterface
  interface Apply {
    void apply(MutableBeaconState state);
  }

  OperationCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
  }

  /** One operations case: {@code apply} on a copy of {@code state} decides valid (post written) or invalid. */
  void write(String handler, String inputName, String name, MutableBeaconState state, byte[] input, Apply apply) {
    BeaconState pre = states.fresh(state.commit());
    MutableBeaconState work = new MutableBeaconState(pre);
    boolean valid;
    try {
      apply.apply(work);
      valid = true;
    } catch (StateTransitionException | ArithmeticException e) {
      valid = false;
    }
    expectOutcome(name, valid);
    Path dir = out.caseDir(EdvtStates.PRESET, "operations", handler, "pyspec_tests", name);
    out.meta(dir, Map.of("bls_setting", 1));
    out.state(dir, "pre", pre);
    out.ssz(dir, inputName, input);
    if (valid) {
      out.state(dir, "post", work.commit());
    }
  }

  /** A case named {@code valid_*} must be accepted and one named {@code invalid_*} rejected. */
  static void expectOutcome(String name, boolean valid) {
    if (name.startsWith("valid_") != valid) {
      throw new IllegalStateException("case " + name + " was " + (valid ? "accepted" : "rejected"));
    }
  }
}
