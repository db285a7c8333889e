package io.edvt.infrastructure.ssz.types;

import java.math.BigInteger;

/** Little-endian conversions of wide unsigned integers. */
final class LittleEndian {
  private LittleEndian() {}

  static BigInteger readUnsigned(byte[] in, int offset, int size) {
    byte[] be = new byte[size + 1];
    for (int i = 0; i < size; i++) {
      be[size - i] = in[offset + i];
    }
    return new BigInteger(be);
  }

  static void writeUnsigned(BigInteger value, byte[] out, int offset, int size, String name) {
    if (value.signum() < 0 || value.bitLength() > size * 8) {
      throw new IllegalArgumentException("out of " + name + " range: " + value);
    }
    byte[] be = value.toByteArray();
    for (int i = 0; i < size; i++) {
      int j = be.length - 1 - i;
      out[offset + i] = j >= 0 ? be[j] : 0;
    }
  }
}
