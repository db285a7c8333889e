package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszPlainException;
import java.math.BigInteger;

/** Reading integers from plain data (YAML/JSON numbers or decimal strings). */
final class PlainNumbers {
  private PlainNumbers() {}

  static BigInteger toBigInteger(Object plain, String typeName) {
    if (plain instanceof BigInteger b) {
      return b;
    }
    if (plain instanceof Long || plain instanceof Integer || plain instanceof Short || plain instanceof Byte) {
      return BigInteger.valueOf(((Number) plain).longValue());
    }
    if (plain instanceof String s) {
      try {
        return new BigInteger(s.trim());
      } catch (NumberFormatException e) {
        throw new SszPlainException("not a decimal " + typeName + ": '" + s + "'");
      }
    }
    throw new SszPlainException("expected a " + typeName + " number, got " + describe(plain));
  }

  static String describe(Object plain) {
    return plain == null ? "null" : plain.getClass().getSimpleName() + " " + plain;
  }
}
