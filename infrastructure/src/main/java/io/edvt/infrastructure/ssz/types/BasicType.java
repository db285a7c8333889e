package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Chunk;
import io.edvt.infrastructure.ssz.tree.Node;

/**
 * A basic SSZ type (uintN, boolean): fixed size, little-endian, packed several to a chunk
 * inside lists and vectors.
 */
public abstract class BasicType<T> implements SszType<T> {
  private final String name;
  private final int size;

  protected BasicType(String name, int size) {
    this.name = name;
    this.size = size;
  }

  /** Reads a value from {@code in[offset..offset+size)}; throws for invalid encodings. */
  public abstract T read(byte[] in, int offset);

  /** Writes {@code value} at {@code out[offset..offset+size)}. */
  public abstract void write(T value, byte[] out, int offset);

  @Override
  public final String name() {
    return name;
  }

  /** The size in bytes of one value. */
  public final int size() {
    return size;
  }

  @Override
  public final boolean isFixedSize() {
    return true;
  }

  @Override
  public final int fixedSize() {
    return size;
  }

  @Override
  public final long minSize() {
    return size;
  }

  @Override
  public final long maxSize() {
    return size;
  }

  @Override
  public final int serializedSize(T value) {
    return size;
  }

  @Override
  public final int serialize(T value, byte[] out, int offset) {
    write(value, out, offset);
    return offset + size;
  }

  @Override
  public final T deserialize(byte[] in, int offset, int length) {
    if (length != size) {
      throw SszDeserializationException.of("expected " + size + " bytes for " + name + ", got " + length);
    }
    return read(in, offset);
  }

  @Override
  public final byte[] hashTreeRoot(T value) {
    byte[] chunk = new byte[32];
    write(value, chunk, 0);
    return chunk;
  }

  @Override
  public final void hashTreeRootInto(T value, byte[] out, int offset) {
    java.util.Arrays.fill(out, offset + size, offset + 32, (byte) 0);
    write(value, out, offset);
  }

  @Override
  public Node toNode(T value) {
    return Chunk.wrap(hashTreeRoot(value));
  }

  @Override
  public T fromNode(Node node) {
    return read(node.hash(), 0);
  }

  @Override
  public String toString() {
    return name;
  }
}
