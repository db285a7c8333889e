package io.edvt.infrastructure.ssz;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable sequence of bits, the value of a {@code Bitvector[N]} or {@code Bitlist[N]}.
 * Bit {@code i} is bit {@code i % 8} of byte {@code i / 8} (SSZ order).
 */
public final class SszBits {
  private final byte[] bytes;
  private final int length;

  private SszBits(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  /** {@code length} cleared bits. */
  public static SszBits zeros(int length) {
    return new SszBits(new byte[(length + 7) / 8], length);
  }

  /** Bits from packed bytes (copied); bits at or above {@code length} must be zero. */
  public static SszBits of(byte[] packed, int length) {
    if (packed.length != (length + 7) / 8) {
      throw new IllegalArgumentException(length + " bits need " + (length + 7) / 8 + " bytes, got " + packed.length);
    }
    if (length % 8 != 0 && (packed[packed.length - 1] & 0xFF) >>> (length % 8) != 0) {
      throw new IllegalArgumentException("bits set beyond the length " + length);
    }
    return new SszBits(packed.clone(), length);
  }

  /** {@code length} bits with exactly the given indices set. */
  public static SszBits withSet(int length, int... indices) {
    byte[] b = new byte[(length + 7) / 8];
    for (int i : indices) {
      checkIndex(i, length);
      b[i >>> 3] |= (byte) (1 << (i & 7));
    }
    return new SszBits(b, length);
  }

  private static void checkIndex(int i, int length) {
    if (i < 0 || i >= length) {
      throw new IndexOutOfBoundsException("bit " + i + " of " + length);
    }
  }

  public int length() {
    return length;
  }

  public boolean get(int i) {
    checkIndex(i, length);
    return (bytes[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /** A copy with bit {@code i} set to {@code value}. */
  public SszBits with(int i, boolean value) {
    checkIndex(i, length);
    byte[] b = bytes.clone();
    if (value) {
      b[i >>> 3] |= (byte) (1 << (i & 7));
    } else {
      b[i >>> 3] &= (byte) ~(1 << (i & 7));
    }
    return new SszBits(b, length);
  }

  /** The number of set bits. */
  public int count() {
    int c = 0;
    for (byte b : bytes) {
      c += Integer.bitCount(b & 0xFF);
    }
    return c;
  }

  /** The indices of the set bits, ascending. */
  public IntStream setBits() {
    return IntStream.range(0, length).filter(this::get);
  }

  /** Bitwise OR with bits of the same length. */
  public SszBits or(SszBits other) {
    if (other.length != length) {
      throw new IllegalArgumentException("bit lengths differ: " + length + " and " + other.length);
    }
    byte[] b = bytes.clone();
    for (int i = 0; i < b.length; i++) {
      b[i] |= other.bytes[i];
    }
    return new SszBits(b, length);
  }

  /** Whether any bit is set in both. */
  public boolean intersects(SszBits other) {
    int n = Math.min(bytes.length, other.bytes.length);
    for (int i = 0; i < n; i++) {
      if ((bytes[i] & other.bytes[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The packed bytes without any length delimiter (shared: do not modify). */
  public byte[] packedBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SszBits other && other.length == length && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * length + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(get(i) ? '1' : '0');
    }
    return sb.toString();
  }
}
