package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;

/** {@code boolean}: one byte, 0x00 or 0x01; any other byte is invalid. */
public final class BooleanType extends BasicType<Boolean> {
  BooleanType() {
    super("boolean", 1);
  }

  @Override
  public Boolean read(byte[] in, int offset) {
    byte b = in[offset];
    if (b == 0) {
      return Boolean.FALSE;
    }
    if (b == 1) {
      return Boolean.TRUE;
    }
    throw SszDeserializationException.of(String.format("invalid boolean byte 0x%02x (only 0x00 and 0x01 are allowed)", b & 0xFF));
  }

  @Override
  public void write(Boolean value, byte[] out, int offset) {
    out[offset] = value ? (byte) 1 : 0;
  }

  @Override
  public Boolean defaultValue() {
    return Boolean.FALSE;
  }

  @Override
  public Object toPlain(Boolean value) {
    return value;
  }

  @Override
  public Boolean fromPlain(Object plain) {
    if (plain instanceof Boolean b) {
      return b;
    }
    throw new SszPlainException("expected a boolean, got " + PlainNumbers.describe(plain));
  }
}
