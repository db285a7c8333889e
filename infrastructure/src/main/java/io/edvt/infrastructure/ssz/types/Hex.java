package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszPlainException;
import org.apache.tuweni.bytes.Bytes;

/** Parsing 0x-prefixed hex from plain data. */
final class Hex {
  private Hex() {}

  static Bytes parse(Object plain, String typeName) {
    if (!(plain instanceof String s) || !s.startsWith("0x")) {
      throw new SszPlainException("expected 0x-prefixed hex for " + typeName + ", got " + PlainNumbers.describe(plain));
    }
    if (s.length() % 2 != 0) {
      throw new SszPlainException("odd number of hex digits for " + typeName + ": " + s);
    }
    try {
      return Bytes.fromHexString(s);
    } catch (IllegalArgumentException e) {
      throw new SszPlainException("invalid hex for " + typeName + ": " + s);
    }
  }
}
