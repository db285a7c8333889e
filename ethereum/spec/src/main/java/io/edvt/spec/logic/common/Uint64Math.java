package io.edvt.spec.logic.common;

import io.edvt.infrastructure.unsigned.UInt64OverflowException;

/**
 * Checked {@code uint64} arithmetic on raw {@code long} bits, for the per-validator loops of
 * epoch processing where allocating a {@link io.edvt.infrastructure.unsigned.UInt64} per
 * operation would dominate. The semantics are those of {@code UInt64}: the value is read as
 * unsigned, and overflow or underflow throws {@link UInt64OverflowException} as the spec's
 * {@code uint64} does.
 */
public final class Uint64Math {
  private Uint64Math() {}

  /** {@code a + b}, throwing on overflow. */
  public static long add(long a, long b) {
    long sum = a + b;
    if (Long.compareUnsigned(sum, a) < 0) {
      throw new UInt64OverflowException("uint64 overflow: " + Long.toUnsignedString(a) + " + " + Long.toUnsignedString(b));
    }
    return sum;
  }

  /** {@code a - b}, throwing on underflow. */
  public static long sub(long a, long b) {
    if (Long.compareUnsigned(a, b) < 0) {
      throw new UInt64OverflowException("uint64 underflow: " + Long.toUnsignedString(a) + " - " + Long.toUnsignedString(b));
    }
    return a - b;
  }

  /** {@code max(0, a - b)}: the saturating decrease of {@code decrease_balance}. */
  public static long subMinZero(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0 ? 0 : a - b;
  }

  /** {@code a * b}, throwing on overflow. */
  public static long mul(long a, long b) {
    if (Math.unsignedMultiplyHigh(a, b) != 0) {
      throw new UInt64OverflowException("uint64 overflow: " + Long.toUnsignedString(a) + " * " + Long.toUnsignedString(b));
    }
    return a * b;
  }

  /** {@code a // b}, throwing on division by zero. */
  public static long div(long a, long b) {
    return Long.divideUnsigned(a, b);
  }

  /** {@code min(a, b)} as unsigned values. */
  public static long min(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0 ? a : b;
  }

  /** {@code max(a, b)} as unsigned values. */
  public static long max(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** {@code a < b} as unsigned values. */
  public static boolean lessThan(long a, long b) {
    return Long.compareUnsigned(a, b) < 0;
  }

  /** {@code a <= b} as unsigned values. */
  public static boolean lessOrEqual(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0;
  }
}
