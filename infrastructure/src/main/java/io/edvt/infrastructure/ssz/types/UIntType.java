package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszPlainException;
import java.math.BigInteger;

/** {@code uint8}, {@code uint16} and {@code uint32} as {@link Integer} or {@link Long}; {@code uint128} as {@link BigInteger}. */
public abstract class UIntType<T> extends BasicType<T> {
  UIntType(int bits) {
    super("uint" + bits, bits / 8);
  }

  long readBits(byte[] in, int offset) {
    long v = 0;
    for (int i = size() - 1; i >= 0; i--) {
      v = (v << 8) | (in[offset + i] & 0xFF);
    }
    return v;
  }

  void writeBits(long v, byte[] out, int offset) {
    for (int i = 0; i < size(); i++) {
      out[offset + i] = (byte) (v >>> (8 * i));
    }
  }

  BigInteger checkedPlain(Object plain) {
    BigInteger b = PlainNumbers.toBigInteger(plain, name());
    if (b.signum() < 0 || b.bitLength() > size() * 8) {
      throw new SszPlainException("out of " + name() + " range: " + b);
    }
    return b;
  }

  /** uint8 and uint16 values as {@link Integer}. */
  public static final class Small extends UIntType<Integer> {
    Small(int bits) {
      super(bits);
    }

    @Override
    public Integer read(byte[] in, int offset) {
      return (int) readBits(in, offset);
    }

    @Override
    public void write(Integer value, byte[] out, int offset) {
      if (value < 0 || value >= (1 << (8 * size()))) {
        throw new IllegalArgumentException("out of " + name() + " range: " + value);
      }
      writeBits(value, out, offset);
    }

    @Override
    public Integer defaultValue() {
      return 0;
    }

    @Override
    public Object toPlain(Integer value) {
      return BigInteger.valueOf(value);
    }

    @Override
    public Integer fromPlain(Object plain) {
      return checkedPlain(plain).intValue();
    }
  }

  /** uint32 values as {@link Long}. */
  public static final class UInt32 extends UIntType<Long> {
    UInt32() {
      super(32);
    }

    @Override
    public Long read(byte[] in, int offset) {
      return readBits(in, offset);
    }

    @Override
    public void write(Long value, byte[] out, int offset) {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("out of uint32 range: " + value);
      }
      writeBits(value, out, offset);
    }

    @Override
    public Long defaultValue() {
      return 0L;
    }

    @Override
    public Object toPlain(Long value) {
      return BigInteger.valueOf(value);
    }

    @Override
    public Long fromPlain(Object plain) {
      return checkedPlain(plain).longValue();
    }
  }

  /** uint128 values as non-negative {@link BigInteger}. */
  public static final class UInt128 extends UIntType<BigInteger> {
    UInt128() {
      super(128);
    }

    @Override
    public BigInteger read(byte[] in, int offset) {
      return LittleEndian.readUnsigned(in, offset, 16);
    }

    @Override
    public void write(BigInteger value, byte[] out, int offset) {
      LittleEndian.writeUnsigned(value, out, offset, 16, name());
    }

    @Override
    public BigInteger defaultValue() {
      return BigInteger.ZERO;
    }

    @Override
    public Object toPlain(BigInteger value) {
      return value;
    }

    @Override
    public BigInteger fromPlain(Object plain) {
      return checkedPlain(plain);
    }
  }

}
