package io.edvt.infrastructure.unsigned;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Only results outside {@code [0, 2^64)} are {@link UInt64OverflowException}s (what the spec's
 * {@code uint64} raises on); the client's own limits stay plain {@link ArithmeticException}s, so a
 * reference test can accept the first as a spec rejection and treat the second as a bug.
 */
class UInt64OverflowTest {

  @Test
  void overflowAndUnderflowAreUInt64OverflowExceptions() {
    assertThatThrownBy(() -> UInt64.MAX_VALUE.plus(1)).isInstanceOf(UInt64OverflowException.class)
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> UInt64.ZERO.minus(1)).isInstanceOf(UInt64OverflowException.class)
        .hasMessageContaining("underflow");
    assertThatThrownBy(() -> UInt64.MAX_VALUE.times(2)).isInstanceOf(UInt64OverflowException.class)
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> UInt64.ZERO.decrement()).isInstanceOf(UInt64OverflowException.class);
  }

  @Test
  void theClientsOwnLimitsArePlainArithmeticExceptions() {
    assertThatThrownBy(() -> UInt64.ONE.dividedBy(0)).isExactlyInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> UInt64.ONE.mod(0)).isExactlyInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> UInt64.MAX_VALUE.longValueExact()).isExactlyInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> UInt64.valueOf(1L << 40).intValue()).isExactlyInstanceOf(ArithmeticException.class);
  }
}
