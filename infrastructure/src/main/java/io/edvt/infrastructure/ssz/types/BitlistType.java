package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Trees;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code Bitlist[N]}: up to N bits. Serialised with a delimiter bit set just above the last
 * bit, so the last byte is never zero.
 */
public final class BitlistType implements SszType<SszBits> {
  private final long limit;
  private final int depth;

  public BitlistType(long limit) {
    this.limit = limit;
    this.depth = Trees.ceilLog2((limit + 255) / 256);
  }

  public long limit() {
    return limit;
  }

  @Override
  public String name() {
    return "Bitlist[" + limit + "]";
  }

  @Override
  public boolean isFixedSize() {
    return false;
  }

  @Override
  public int fixedSize() {
    throw new UnsupportedOperationException(name() + " has no fixed size");
  }

  @Override
  public long minSize() {
    return 1;
  }

  @Override
  public long maxSize() {
    return limit / 8 + 1;
  }

  @Override
  public SszBits defaultValue() {
    return SszBits.zeros(0);
  }

  @Override
  public int serializedSize(SszBits value) {
    return value.length() / 8 + 1;
  }

  @Override
  public int serialize(SszBits value, byte[] out, int offset) {
    if (value.length() > limit) {
      throw new IllegalArgumentException(name() + " value has " + value.length() + " bits, over the limit");
    }
    byte[] packed = value.packedBytes();
    System.arraycopy(packed, 0, out, offset, packed.length);
    int n = value.length();
    out[offset + n / 8] |= (byte) (1 << (n % 8));
    return offset + n / 8 + 1;
  }

  @Override
  public SszBits deserialize(byte[] in, int offset, int len) {
    if (len == 0) {
      throw SszDeserializationException.of(name() + " needs at least one byte (the delimiter bit)");
    }
    int last = in[offset + len - 1] & 0xFF;
    if (last == 0) {
      throw SszDeserializationException.of(name() + " has no delimiter bit (last byte is zero)");
    }
    int high = 31 - Integer.numberOfLeadingZeros(last);
    long bitLength = 8L * (len - 1) + high;
    if (bitLength > limit) {
      throw SszDeserializationException.of(bitLength + " bits exceed the limit of " + name());
    }
    byte[] packed = new byte[(int) ((bitLength + 7) / 8)];
    System.arraycopy(in, offset, packed, 0, packed.length);
    if (high != 0) {
      // the delimiter sits inside the last packed byte: clear it
      packed[packed.length - 1] &= (byte) ~(1 << high);
    }
    return SszBits.of(packed, (int) bitLength);
  }

  @Override
  public byte[] hashTreeRoot(SszBits value) {
    byte[] packed = value.packedBytes();
    return Trees.mixInLength(Trees.merkleize(packed, packed.length, depth), value.length());
  }

  @Override
  public Object toPlain(SszBits value) {
    return Bytes.wrap(serialize(value)).toHexString();
  }

  @Override
  public SszBits fromPlain(Object plain) {
    byte[] b = Hex.parse(plain, name()).toArrayUnsafe();
    try {
      return deserialize(b, 0, b.length);
    } catch (SszDeserializationException e) {
      throw new SszPlainException(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
