package io.edvt.infrastructure.unsigned;

import java.math.BigInteger;

/**
 * An unsigned 64-bit integer, the type of the spec's {@code uint64} (slots, epochs, Gwei,
 * indices). Immutable. Arithmetic that would leave {@code [0, 2^64)} throws
 * {@link UInt64OverflowException}, as the spec's Python integers would fail the SSZ range check;
 * the client's own limits (a value too large for a {@code long} or an {@code int}, division by
 * zero) throw a plain {@link ArithmeticException}.
 */
public final class UInt64 implements Comparable<UInt64> {
  private static final int CACHE_SIZE = 1024;
  private static final UInt64[] SMALL = new UInt64[CACHE_SIZE];

  static {
    for (int i = 0; i < CACHE_SIZE; i++) {
      SMALL[i] = new UInt64(i);
    }
  }

  public static final UInt64 ZERO = SMALL[0];
  public static final UInt64 ONE = SMALL[1];
  public static final UInt64 MAX_VALUE = new UInt64(-1L);

  private final long value;

  private UInt64(long value) {
    this.value = value;
  }

  /** Interprets the 64 bits of {@code bits} as an unsigned value. */
  public static UInt64 fromLongBits(long bits) {
    if (bits >= 0 && bits < CACHE_SIZE) {
      return SMALL[(int) bits];
    }
    // FAR_FUTURE_EPOCH: most validators carry it twice, so sharing it saves real memory.
    return bits == -1L ? MAX_VALUE : new UInt64(bits);
  }

  /** A non-negative {@code long}; negative values are rejected. */
  public static UInt64 valueOf(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uint64 cannot be negative: " + value);
    }
    return fromLongBits(value);
  }

  public static UInt64 valueOf(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 64) {
      throw new IllegalArgumentException("out of uint64 range: " + value);
    }
    return fromLongBits(value.longValue());
  }

  /** Parses a decimal string in {@code [0, 2^64)}. */
  public static UInt64 valueOf(String decimal) {
    try {
      return fromLongBits(Long.parseUnsignedLong(decimal.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a uint64: '" + decimal + "'", e);
    }
  }

  /** The raw 64 bits (negative for values at or above 2^63). */
  public long longValue() {
    return value;
  }

  /** The value as a {@code long}, throwing if it does not fit in 63 bits. */
  public long longValueExact() {
    if (value < 0) {
      throw new ArithmeticException("uint64 " + this + " does not fit in a signed long");
    }
    return value;
  }

  /** The value as an {@code int}, throwing if it does not fit. */
  public int intValue() {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new ArithmeticException("uint64 " + this + " does not fit in an int");
    }
    return (int) value;
  }

  public BigInteger bigIntegerValue() {
    return new BigInteger(Long.toUnsignedString(value));
  }

  public UInt64 plus(UInt64 other) {
    return plus(other.value);
  }

  /** Adds {@code other}, read as unsigned bits. */
  public UInt64 plus(long other) {
    long sum = value + other;
    if (Long.compareUnsigned(sum, value) < 0) {
      throw new UInt64OverflowException("uint64 overflow: " + this + " + " + Long.toUnsignedString(other));
    }
    return fromLongBits(sum);
  }

  public UInt64 minus(UInt64 other) {
    return minus(other.value);
  }

  public UInt64 minus(long other) {
    if (Long.compareUnsigned(value, other) < 0) {
      throw new UInt64OverflowException("uint64 underflow: " + this + " - " + Long.toUnsignedString(other));
    }
    return fromLongBits(value - other);
  }

  /** {@code max(0, this - other)}, the spec's saturating decrease (as in {@code decrease_balance}). */
  public UInt64 minusMinZero(UInt64 other) {
    return Long.compareUnsigned(value, other.value) <= 0 ? ZERO : fromLongBits(value - other.value);
  }

  public UInt64 times(UInt64 other) {
    return times(other.value);
  }

  public UInt64 times(long other) {
    long hi = Math.unsignedMultiplyHigh(value, other);
    if (hi != 0) {
      throw new UInt64OverflowException("uint64 overflow: " + this + " * " + Long.toUnsignedString(other));
    }
    return fromLongBits(value * other);
  }

  public UInt64 dividedBy(UInt64 other) {
    return dividedBy(other.value);
  }

  public UInt64 dividedBy(long other) {
    if (other == 0) {
      throw new ArithmeticException("uint64 division by zero: " + this + " / 0");
    }
    return fromLongBits(Long.divideUnsigned(value, other));
  }

  public UInt64 mod(UInt64 other) {
    return mod(other.value);
  }

  public UInt64 mod(long other) {
    if (other == 0) {
      throw new ArithmeticException("uint64 modulo by zero: " + this + " % 0");
    }
    return fromLongBits(Long.remainderUnsigned(value, other));
  }

  public UInt64 increment() {
    return plus(1);
  }

  public UInt64 decrement() {
    return minus(1);
  }

  public boolean isZero() {
    return value == 0;
  }

  public boolean isGreaterThan(UInt64 other) {
    return compareTo(other) > 0;
  }

  public boolean isGreaterThanOrEqualTo(UInt64 other) {
    return compareTo(other) >= 0;
  }

  public boolean isLessThan(UInt64 other) {
    return compareTo(other) < 0;
  }

  public boolean isLessThanOrEqualTo(UInt64 other) {
    return compareTo(other) <= 0;
  }

  public boolean isLessThan(long other) {
    return Long.compareUnsigned(value, other) < 0;
  }

  public boolean isGreaterThan(long other) {
    return Long.compareUnsigned(value, other) > 0;
  }

  public UInt64 max(UInt64 other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public UInt64 min(UInt64 other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(UInt64 other) {
    return Long.compareUnsigned(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UInt64 other && other.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(value);
  }
}
