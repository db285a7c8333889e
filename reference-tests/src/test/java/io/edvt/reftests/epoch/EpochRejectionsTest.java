package io.edvt.reftests.epoch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What counts as the rejection an invalid {@code epoch_processing} case expects: a spec assertion
 * or a {@code uint64} overflow, never a division by zero or another of the client's own limits.
 * Run on the provided case that must fail ({@code registry_updates/invalid_large_withdrawable_epoch},
 * no {@code post}) with the step swapped for one that fails in a given way.
 */
class EpochRejectionsTest {
  private static final SpecFulu SPEC = ReferenceSpecs.spec("minimal", SpecMilestone.FULU);

  private static TestCase invalidCase() {
    String name = "invalid_large_withdrawable_epoch";
    Path dir = VectorsRoot.testsDir().resolve("minimal/fulu/epoch_processing/registry_updates/pyspec_tests").resolve(name);
    return new TestCase("minimal", "fulu", "epoch_processing", "registry_updates", "pyspec_tests", name, dir);
  }

  @Test
  void theRealStepRejectsTheCase() {
    var step = EpochProcessingExecutor.steps(SpecMilestone.FULU, ReferenceSpecs.versions("minimal")).get("registry_updates");
    assertThatCode(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, step)).doesNotThrowAnyException();
  }

  @Test
  void aSpecAssertionOrAUint64OverflowIsTheExpectedRejection() {
    assertThatCode(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, (s, v) -> {
      throw new StateTransitionException("assertion failed: some spec condition");
    })).doesNotThrowAnyException();
    assertThatCode(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, (s, v) -> UInt64.MAX_VALUE.plus(1)))
        .doesNotThrowAnyException();
  }

  @Test
  void aDivisionByZeroIsNoRejectionAndFailsTheCase() {
    assertThatThrownBy(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, (s, v) -> {
      int zero = s.validators().size() - s.validators().size();
      System.out.println(1 / zero);
    })).isExactlyInstanceOf(ArithmeticException.class).hasMessageContaining("/ by zero");
    assertThatThrownBy(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, (s, v) -> UInt64.MAX_VALUE.longValueExact()))
        .isExactlyInstanceOf(ArithmeticException.class).hasMessageContaining("does not fit in a signed long");
    assertThatThrownBy(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, (s, v) -> s.validators().get(1 << 30)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aStepThatDoesNotFailFailsTheInvalidCase() {
    assertThatThrownBy(() -> EpochProcessingExecutor.run(invalidCase(), SPEC, (s, v) -> { }))
        .isInstanceOf(AssertionError.class).hasMessageContaining("must fail");
  }
}
