package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.unsigned.UInt64;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/** {@code uint64}, as {@link UInt64}. */
public final class UInt64Type extends BasicType<UInt64> {
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  UInt64Type() {
    super("uint64", 8);
  }

  public static long readLong(byte[] in, int offset) {
    return (long) LE_LONG.get(in, offset);
  }

  public static void writeLong(long value, byte[] out, int offset) {
    LE_LONG.set(out, offset, value);
  }

  @Override
  public UInt64 read(byte[] in, int offset) {
    return UInt64.fromLongBits(readLong(in, offset));
  }

  @Override
  public void write(UInt64 value, byte[] out, int offset) {
    writeLong(value.longValue(), out, offset);
  }

  @Override
  public UInt64 defaultValue() {
    return UInt64.ZERO;
  }

  @Override
  public Object toPlain(UInt64 value) {
    return value.bigIntegerValue();
  }

  @Override
  public UInt64 fromPlain(Object plain) {
    try {
      return UInt64.valueOf(PlainNumbers.toBigInteger(plain, name()));
    } catch (IllegalArgumentException e) {
      throw new SszPlainException("not a uint64: " + plain);
    }
  }

}
