package io.edvt.infrastructure.unsigned;

import java.math.BigInteger;

/** An unsigned 256-bit integer (the spec's {@code uint256}, e.g. {@code base_fee_per_gas}). Immutable. */
public record UInt256(BigInteger value) implements Comparable<UInt256> {
  private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(256);
  public static final UInt256 ZERO = new UInt256(BigInteger.ZERO);

  public UInt256 {
    if (value.signum() < 0 || value.compareTo(LIMIT) >= 0) {
      throw new IllegalArgumentException("out of uint256 range: " + value);
    }
  }

  public static UInt256 valueOf(long value) {
    return new UInt256(BigInteger.valueOf(value));
  }

  @Override
  public int compareTo(UInt256 o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
