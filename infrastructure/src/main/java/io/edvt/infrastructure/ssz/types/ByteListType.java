package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Trees;
import org.apache.tuweni.bytes.Bytes;

/** {@code ByteList[N]} (also {@code List[byte, N]}): up to N bytes, as a tuweni {@link Bytes}. */
public final class ByteListType implements SszType<Bytes> {
  private final long limit;
  private final int depth;

  public ByteListType(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("ByteList limit must not be negative: " + limit);
    }
    this.limit = limit;
    this.depth = Trees.ceilLog2((limit + 31) / 32);
  }

  public long limit() {
    return limit;
  }

  @Override
  public String name() {
    return "ByteList[" + limit + "]";
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
    return 0;
  }

  @Override
  public long maxSize() {
    return limit;
  }

  @Override
  public Bytes defaultValue() {
    return Bytes.EMPTY;
  }

  @Override
  public int serializedSize(Bytes value) {
    return value.size();
  }

  @Override
  public int serialize(Bytes value, byte[] out, int offset) {
    checkLimit(value);
    System.arraycopy(value.toArrayUnsafe(), 0, out, offset, value.size());
    return offset + value.size();
  }

  private void checkLimit(Bytes value) {
    if (value.size() > limit) {
      throw new IllegalArgumentException(name() + " value has " + value.size() + " bytes, over the limit");
    }
  }

  @Override
  public Bytes deserialize(byte[] in, int offset, int length) {
    if (length > limit) {
      throw SszDeserializationException.of(length + " bytes exceed the limit of " + name());
    }
    byte[] copy = new byte[length];
    System.arraycopy(in, offset, copy, 0, length);
    return Bytes.wrap(copy);
  }

  @Override
  public byte[] hashTreeRoot(Bytes value) {
    return Trees.mixInLength(Trees.merkleize(value.toArrayUnsafe(), value.size(), depth), value.size());
  }

  @Override
  public Object toPlain(Bytes value) {
    return value.toHexString();
  }

  @Override
  public Bytes fromPlain(Object plain) {
    Bytes b = Hex.parse(plain, name());
    if (b.size() > limit) {
      throw new SszPlainException(name() + " value has " + b.size() + " bytes, over the limit");
    }
    return b;
  }

  @Override
  public String toString() {
    return name();
  }
}
