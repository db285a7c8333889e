package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Chunk;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/** {@code ByteVector[N]} (also {@code Vector[byte, N]}): exactly N bytes, as a tuweni {@link Bytes}. */
public final class ByteVectorType<T extends Bytes> implements SszType<T> {
  public static final ByteVectorType<Bytes32> BYTES32 = new ByteVectorType<>(32, Bytes32::wrap);
  public static final ByteVectorType<Bytes48> BYTES48 = new ByteVectorType<>(48, Bytes48::wrap);

  private final int length;
  private final Function<byte[], T> wrap;
  private final int depth;
  private final T zero;

  private ByteVectorType(int length, Function<byte[], T> wrap) {
    if (length <= 0) {
      throw new IllegalArgumentException("ByteVector length must be positive: " + length);
    }
    this.length = length;
    this.wrap = wrap;
    this.depth = Trees.ceilLog2((length + 31) / 32);
    this.zero = wrap.apply(new byte[length]);
  }

  /** {@code ByteVector[length]} with plain {@link Bytes} values (use the constants for 32 and 48). */
  public static ByteVectorType<Bytes> of(int length) {
    return new ByteVectorType<>(length, Bytes::wrap);
  }

  public int length() {
    return length;
  }

  /** {@code value} as this type's Java class, checking its length. */
  public T coerce(Bytes value) {
    if (value.size() != length) {
      throw new IllegalArgumentException(name() + " needs " + length + " bytes, got " + value.size());
    }
    return wrap.apply(value.toArrayUnsafe());
  }

  @Override
  public String name() {
    return "ByteVector[" + length + "]";
  }

  @Override
  public boolean isFixedSize() {
    return true;
  }

  @Override
  public int fixedSize() {
    return length;
  }

  @Override
  public long minSize() {
    return length;
  }

  @Override
  public long maxSize() {
    return length;
  }

  @Override
  public T defaultValue() {
    return zero;
  }

  @Override
  public int serializedSize(T value) {
    return length;
  }

  @Override
  public int serialize(T value, byte[] out, int offset) {
    if (value.size() != length) {
      throw new IllegalArgumentException(name() + " value has " + value.size() + " bytes");
    }
    System.arraycopy(value.toArrayUnsafe(), 0, out, offset, value.size());
    return offset + length;
  }

  @Override
  public T deserialize(byte[] in, int offset, int len) {
    if (len != length) {
      throw SszDeserializationException.of("expected " + length + " bytes for " + name() + ", got " + len);
    }
    byte[] copy = new byte[length];
    System.arraycopy(in, offset, copy, 0, length);
    return wrap.apply(copy);
  }

  @Override
  public byte[] hashTreeRoot(T value) {
    return Trees.merkleize(value.toArrayUnsafe(), length, depth);
  }

  @Override
  public void hashTreeRootInto(T value, byte[] out, int offset) {
    byte[] raw = value.toArrayUnsafe();
    if (length <= 32) {
      System.arraycopy(raw, 0, out, offset, length);
      java.util.Arrays.fill(out, offset + length, offset + 32, (byte) 0);
    } else if (length <= 64) {
      // two chunks: one hash, no allocation beyond the digest
      byte[] pair = SCRATCH.get();
      System.arraycopy(raw, 0, pair, 0, length);
      java.util.Arrays.fill(pair, length, 64, (byte) 0);
      io.edvt.infrastructure.crypto.Sha256.hash64(pair, 0, out, offset);
    } else {
      System.arraycopy(hashTreeRoot(value), 0, out, offset, 32);
    }
  }

  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64]);

  @Override
  public Node toNode(T value) {
    return length == 32 ? Chunk.wrap(value.toArrayUnsafe()) : SszType.super.toNode(value);
  }

  @Override
  public T fromNode(Node node) {
    return length == 32 ? wrap.apply(node.hash()) : SszType.super.fromNode(node);
  }

  /** A 32-byte vector's leaf is its bytes (a zero subtree's leaf is 32 zero bytes): copied as they are. */
  @Override
  public int serializeNode(Node node, byte[] out, int offset) {
    if (length != 32) {
      return SszType.super.serializeNode(node, out, offset);
    }
    System.arraycopy(node.hash(), 0, out, offset, 32);
    return offset + 32;
  }

  @Override
  public Object toPlain(T value) {
    return value.toHexString();
  }

  @Override
  public T fromPlain(Object plain) {
    Bytes b = Hex.parse(plain, name());
    if (b.size() != length) {
      throw new SszPlainException(name() + " needs " + length + " bytes, got " + b.size());
    }
    return wrap.apply(b.toArrayUnsafe());
  }

  @Override
  public String toString() {
    return name();
  }
}
