package io.edvt.reftests.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.reftests.ReferenceSpecs;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import org.junit.jupiter.api.Test;

/**
 * A generated case is written only when it shows its declared outcome: an invalid case rejected
 * by the rule it is about (not by another, not by a bug), a valid case with the effect its name
 * promises.
 */
class OutcomeTest {
  private static final BeaconState STATE = ReferenceSpecs.spec("minimal", SpecMilestone.FULU).schemas().beaconState()
      .defaultValue();

  private static BeaconState reject(String condition) {
    throw new StateTransitionException("assertion failed: " + condition);
  }

  @Test
  void anInvalidCaseMustBeRejectedByItsOwnRule() {
    Outcome byThreshold = Outcome.rejectedBy("len(signers) >= key_set.threshold");
    assertThat(Outcome.check("invalid_m_minus_1_signers", byThreshold, STATE,
        () -> reject("is_valid_threshold_signature(...) (validator 5, len(signers) >= key_set.threshold (2 < 3))"))).isNull();
    assertThatThrownBy(() -> Outcome.check("invalid_m_minus_1_signers", byThreshold, STATE,
        () -> reject("block.slot == state.slot (21, 20)")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rejected by 'block.slot == state.slot (21, 20)'")
        .hasMessageContaining("not by the rule it is about: 'len(signers) >= key_set.threshold'");
    assertThatThrownBy(() -> Outcome.check("invalid_m_minus_1_signers", byThreshold, STATE, () -> STATE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("was accepted");
  }

  @Test
  void aBugIsNoRejection() {
    ArithmeticException divide = new ArithmeticException("/ by zero");
    assertThatThrownBy(() -> Outcome.check("invalid_x", Outcome.rejectedBy(""), STATE, () -> {
      throw divide;
    })).isSameAs(divide);
  }

  @Test
  void aValidCaseMustShowItsEffect() {
    Outcome noFlags = Outcome.accepted("no flags", (pre, post) -> post.slot().isZero());
    assertThat(Outcome.check("valid_no_flags", noFlags, STATE, () -> STATE)).isSameAs(STATE);
    BeaconState later = STATE.withSlot(STATE.slot().plus(1));
    assertThatThrownBy(() -> Outcome.check("valid_no_flags", noFlags, STATE, () -> later))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("valid_no_flags: no flags");
    assertThatThrownBy(() -> Outcome.check("valid_no_flags", noFlags, STATE, () -> reject("anything")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be accepted");
  }

  @Test
  void theNameAndTheDeclaredOutcomeAgree() {
    Outcome.requireNameMatches("valid_a", Outcome.accepted("x", (a, b) -> true));
    Outcome.requireNameMatches("invalid_a", Outcome.rejectedBy("x"));
    assertThatThrownBy(() -> Outcome.requireNameMatches("invalid_a", Outcome.accepted("x", (a, b) -> true)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Outcome.requireNameMatches("valid_a", Outcome.rejectedBy("x")))
        .isInstanceOf(IllegalStateException.class);
  }
}
