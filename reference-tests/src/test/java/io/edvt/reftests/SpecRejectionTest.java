package io.edvt.reftests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.infrastructure.unsigned.UInt64OverflowException;
import io.edvt.spec.logic.common.StateRootMismatchException;
import io.edvt.spec.logic.common.StateTransitionException;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class SpecRejectionTest {

  private static UInt64OverflowException overflow() {
    try {
      UInt64.MAX_VALUE.plus(1);
    } catch (UInt64OverflowException e) {
      return e;
    }
    throw new AssertionError("no overflow");
  }

  @Test
  void aSpecAssertionAUint64OverflowAndABlsInputErrorAreRejections() {
    assertThat(SpecRejection.of(new StateTransitionException("assertion failed: state.slot < slot (5, 5)")))
        .hasValueSatisfying(r -> {
          assertThat(r.rule()).isEqualTo("state.slot < slot (5, 5)");
          assertThat(r.condition()).isEqualTo("state.slot < slot");
          assertThat(r.isBy("state.slot < slot")).isTrue();
          assertThat(r.isStateRoot()).isFalse();
        });
    assertThat(SpecRejection.of(overflow())).hasValueSatisfying(r -> assertThat(r.rule()).contains("uint64 overflow"));
    assertThat(SpecRejection.of(new BlsException("cannot aggregate an empty list of public keys"))).isPresent();
  }

  @Test
  void theClientsOwnFailuresAreNoRejections() {
    assertThat(SpecRejection.of(new ArithmeticException("/ by zero"))).isEmpty();
    assertThat(SpecRejection.of(new ArithmeticException("uint64 18446744073709551615 does not fit in a signed long"))).isEmpty();
    assertThat(SpecRejection.of(new IndexOutOfBoundsException("index 9 of Validators with 4 elements"))).isEmpty();
    assertThat(SpecRejection.of(new NullPointerException())).isEmpty();
    assertThat(SpecRejection.of(null)).isEmpty();
    ArithmeticException divide = new ArithmeticException("/ by zero");
    assertThatThrownBy(() -> SpecRejection.require(divide)).isSameAs(divide);
  }

  @Test
  void conditionsKeepTheirOwnParenthesesAndLoseTheValues() {
    SpecRejection plain = SpecRejection.of(new StateTransitionException("assertion failed: verify_block_signature(state, signed_block)")).orElseThrow();
    assertThat(plain.condition()).isEqualTo("verify_block_signature(state, signed_block)");
    SpecRejection withValues = SpecRejection.of(new StateTransitionException(
        "assertion failed: is_valid_indexed_attestation(state, indexed_attestation) (attestation 3 (of 4))")).orElseThrow();
    assertThat(withValues.condition()).isEqualTo("is_valid_indexed_attestation(state, indexed_attestation)");
  }

  @Test
  void aStateRootRejectionCountsOnlyForACaseAboutTheStateRoot() {
    SpecRejection root = SpecRejection.of(new StateRootMismatchException(Bytes32.ZERO, Bytes32.repeat((byte) 1))).orElseThrow();
    assertThat(root.isStateRoot()).isTrue();
    assertThat(root.condition()).isEqualTo(StateRootMismatchException.CONDITION);
    TestCase aboutRoot = new TestCase("minimal", "fulu", "sanity", "blocks", "pyspec_tests", "invalid_incorrect_state_root", Path.of("."));
    TestCase aboutSlot = new TestCase("minimal", "fulu", "sanity", "blocks", "pyspec_tests", "invalid_prev_slot_block_transition", Path.of("."));
    assertThat(root.isAcceptableBlockRejection(aboutRoot)).isTrue();
    assertThat(root.isAcceptableBlockRejection(aboutSlot)).isFalse();
    SpecRejection slot = SpecRejection.of(new StateTransitionException("assertion failed: state.slot < slot (5, 5)")).orElseThrow();
    assertThat(slot.isAcceptableBlockRejection(aboutSlot)).isTrue();
  }
}
