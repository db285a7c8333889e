package io.edvt.reftests.generator;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code operations} cases: {@code meta.yaml} ({@code bls_setting: 1}), {@code pre}, the
 * operation, and {@code post} when the operation is accepted. Each case declares its
 * {@link Outcome} (the effect a {@code valid_*} case promises, the rule an {@code invalid_*} case
 * is about), and the generation fails unless the processing shows it.
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

  /** One operations case: {@code apply} on a copy of {@code state} must show {@code expected}. */
  void write(String handler, String inputName, String name, MutableBeaconState state, byte[] input, Apply apply,
      Outcome expected) {
    Outcome.requireNameMatches(name, expected);
    BeaconState pre = states.fresh(state.commit());
    BeaconState post = Outcome.check(name, expected, pre, () -> {
      MutableBeaconState work = new MutableBeaconState(pre);
      apply.apply(work);
      return work.commit();
    });
    Path dir = out.caseDir(EdvtStates.PRESET, "operations", handler, "pyspec_tests", name);
    out.meta(dir, Map.of("bls_setting", 1));
    out.state(dir, "pre", pre);
    out.ssz(dir, inputName, input);
    if (post != null) {
      out.state(dir, "post", post);
    }
  }
}
