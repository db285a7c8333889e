package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Trees;
import org.apache.tuweni.bytes.Bytes;

/** {@code Bitvector[N]}: exactly N bits, packed; unused high bits of the last byte must be zero. */
public final class BitvectorType implements SszType<SszBits> {
  private final int length;
  private final int byteSize;
  private final int depth;
  private final SszBits zero;

  public BitvectorType(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("Bitvector length must be positive: " + length);
    }
    this.length = length;
    this.byteSize = (length + 7) / 8;
    this.depth = Trees.ceilLog2((length + 255) / 256);
    this.zero = SszBits.zeros(length);
  }

  public int length() {
    return length;
  }

  @Override
  public String name() {
    return "Bitvector[" + length + "]";
  }

  @Override
  public boolean isFixedSize() {
    return true;
  }

  @Override
  public int fixedSize() {
    return byteSize;
  }

  @Override
  public long minSize() {
    return byteSize;
  }

  @Override
  public long maxSize() {
    return byteSize;
  }

  @Override
  public SszBits defaultValue() {
    return zero;
  }

  @Override
  public int serializedSize(SszBits value) {
    return byteSize;
  }

  @Override
  public int serialize(SszBits value, byte[] out, int offset) {
    check(value);
    System.arraycopy(value.packedBytes(), 0, out, offset, byteSize);
    return offset + byteSize;
  }

  private void check(SszBits value) {
    if (value.length() != length) {
      throw new IllegalArgumentException(name() + " value has " + value.length() + " bits");
    }
  }

  @Override
  public SszBits deserialize(byte[] in, int offset, int len) {
    if (len != byteSize) {
      throw SszDeserializationException.of("expected " + byteSize + " bytes for " + name() + ", got " + len);
    }
    int spare = length % 8;
    if (spare != 0 && (in[offset + byteSize - 1] & 0xFF) >>> spare != 0) {
      throw SszDeserializationException.of("bits set beyond the length of " + name());
    }
    byte[] copy = new byte[byteSize];
    System.arraycopy(in, offset, copy, 0, byteSize);
    return SszBits.of(copy, length);
  }

  @Override
  public byte[] hashTreeRoot(SszBits value) {
    check(value);
    return Trees.merkleize(value.packedBytes(), byteSize, depth);
  }

  @Override
  public Object toPlain(SszBits value) {
    return Bytes.wrap(value.packedBytes()).toHexString();
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
