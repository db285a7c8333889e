package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.ssz.tree.Node;

/**
 * An SSZ type (a schema): how values of Java type {@code T} are serialised, deserialised and
 * merkleised. Types are immutable and shared; values are immutable.
 *
 * <p>Deserialisation is strict and reports the failing field: {@link SszDeserializationException}
 * is the only exception it throws for bad input.
 */
public interface SszType<T> {

  /** The type as the spec writes it, e.g. {@code uint64} or {@code List[Validator, 1099511627776]}. */
  String name();

  boolean isFixedSize();

  /** The serialised size of every value of a fixed-size type. */
  int fixedSize();

  /** The smallest serialised size any value can have. */
  long minSize();

  /** The largest serialised size any value can have. */
  long maxSize();

  /** The type's default (all-zero) value. */
  T defaultValue();

  int serializedSize(T value);

  /** Writes {@code value} at {@code out[offset..]} and returns the offset after it. */
  int serialize(T value, byte[] out, int offset);

  /**
   * Writes the value that {@code node} holds (a node made by {@link #toNode}, or a zero subtree)
   * at {@code out[offset..]} and returns the offset after it: what a list or vector of this type
   * calls for each element leaf. Types whose leaf holds the serialised bytes override it to copy
   * them without making the value object.
   */
  default int serializeNode(io.edvt.infrastructure.ssz.tree.Node node, byte[] out, int offset) {
    return serialize(fromNode(node), out, offset);
  }

  /** Reads a value that occupies exactly {@code in[offset, offset+length)}. */
  T deserialize(byte[] in, int offset, int length);

  /** {@code hash_tree_root(value)}; cached inside composite values. */
  byte[] hashTreeRoot(T value);

  /**
   * Writes {@code hash_tree_root(value)} into {@code out[offset..+32)}. Types override it to
   * avoid allocating (basic values write their chunk directly).
   */
  default void hashTreeRootInto(T value, byte[] out, int offset) {
    System.arraycopy(hashTreeRoot(value), 0, out, offset, 32);
  }

  /** The value as plain data (maps, lists, BigInteger, Boolean, 0x-hex strings) as in the spec tests' YAML. */
  Object toPlain(T value);

  /** The inverse of {@link #toPlain}, with specific errors for malformed input. */
  T fromPlain(Object plain);

  /**
   * The value as a Merkle-tree node whose hash is its root, for storing it inside a list or
   * vector. Composite values that are nodes already return themselves.
   */
  default Node toNode(T value) {
    return new ValueLeaf<>(value, hashTreeRoot(value));
  }

  /** The inverse of {@link #toNode}. */
  @SuppressWarnings("unchecked")
  default T fromNode(Node node) {
    if (node instanceof ValueLeaf<?> leaf) {
      return (T) leaf.value();
    }
    if (node instanceof io.edvt.infrastructure.ssz.tree.ZeroNode) {
      return defaultValue();
    }
    return (T) node;
  }

  default byte[] serialize(T value) {
    byte[] out = new byte[serializedSize(value)];
    int end = serialize(value, out, 0);
    if (end != out.length) {
      throw new IllegalStateException(name() + " wrote " + end + " bytes, expected " + out.length);
    }
    return out;
  }

  /** Reads a whole value; errors name the path from this type down to the failing field. */
  default T deserialize(byte[] bytes) {
    try {
      return deserialize(bytes, 0, bytes.length);
    } catch (SszDeserializationException e) {
      throw e.within(name());
    }
  }
}
