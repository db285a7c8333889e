package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.unsigned.UInt256;
import java.math.BigInteger;

/** {@code uint256}, as {@link UInt256}. */
public final class UInt256Type extends BasicType<UInt256> {
  UInt256Type() {
    super("uint256", 32);
  }

  @Override
  public UInt256 read(byte[] in, int offset) {
    return new UInt256(LittleEndian.readUnsigned(in, offset, 32));
  }

  @Override
  public void write(UInt256 value, byte[] out, int offset) {
    LittleEndian.writeUnsigned(value.value(), out, offset, 32, name());
  }

  @Override
  public UInt256 defaultValue() {
    return UInt256.ZERO;
  }

  @Override
  public Object toPlain(UInt256 value) {
    return value.value();
  }

  @Override
  public UInt256 fromPlain(Object plain) {
    BigInteger b = PlainNumbers.toBigInteger(plain, name());
    try {
      return new UInt256(b);
    } catch (IllegalArgumentException e) {
      throw new SszPlainException(e.getMessage());
    }
  }
}
