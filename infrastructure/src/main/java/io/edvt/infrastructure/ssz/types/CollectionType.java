package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Chunk;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code List[E, N]} and {@code Vector[E, N]} share: element layout in the tree (basic
 * elements packed into chunks, composite elements one per leaf), serialisation of the
 * elements, and strict parsing of them.
 */
public abstract sealed class CollectionType<E> implements SszType<SszList<E>>
    permits ListType, VectorType {
  private final SszType<E> elementType;
  private final long n;
  private final BasicType<E> basic; // null for composite elements
  private final int perChunk;
  private final int limitDepth;

  @SuppressWarnings("unchecked")
  CollectionType(SszType<E> elementType, long n) {
    this.elementType = elementType;
    this.n = n;
    this.basic = elementType instanceof BasicType<?> b ? (BasicType<E>) b : null;
    this.perChunk = basic == null ? 1 : 32 / basic.size();
    this.limitDepth = Trees.ceilLog2(chunkCount(n));
  }

  public final SszType<E> elementType() {
    return elementType;
  }

  /** The N of the type: the length of a vector, the limit of a list. */
  public final long n() {
    return n;
  }

  public final boolean isPacked() {
    return basic != null;
  }

  /** Elements per leaf: {@code 32 / size} for basic elements, 1 otherwise. */
  public final int elementsPerChunk() {
    return perChunk;
  }

  /** Depth of the tree that holds N elements. */
  public final int limitDepth() {
    return limitDepth;
  }

  /** Leaves needed for {@code size} elements. */
  public final long chunkCount(long size) {
    return (size + perChunk - 1) / perChunk;
  }

  /** The depth of the content tree a value of {@code size} elements is kept in. */
  public abstract int contentDepth(int size);

  /** The root of a value, from its content tree root. */
  public abstract byte[] rootFromContent(byte[] contentRoot, int contentDepth, int size);

  public abstract boolean isList();

  // ---------------------------------------------------------------- element access

  /** The element at {@code index} of a content tree. */
  public final E read(Node root, int depth, int index) {
    if (basic == null) {
      return elementType.fromNode(Trees.get(root, depth, index));
    }
    Node chunk = Trees.get(root, depth, index / perChunk);
    return basic.read(chunk.hash(), (index % perChunk) * basic.size());
  }

  /** A content tree with {@code value} at {@code index}. */
  public final Node write(Node root, int depth, int index, E value) {
    if (basic == null) {
      return Trees.set(root, depth, index, elementType.toNode(value));
    }
    long chunkIndex = index / perChunk;
    byte[] chunk = Trees.get(root, depth, chunkIndex).hash().clone();
    basic.write(value, chunk, (index % perChunk) * basic.size());
    return Trees.set(root, depth, chunkIndex, Chunk.wrap(chunk));
  }

  /** The leaves for {@code elements}, packed when basic. */
  public final Node[] leaves(List<? extends E> elements) {
    int size = elements.size();
    if (basic == null) {
      Node[] leaves = new Node[size];
      for (int i = 0; i < size; i++) {
        leaves[i] = elementType.toNode(elements.get(i));
      }
      return leaves;
    }
    int es = basic.size();
    Node[] leaves = new Node[(int) chunkCount(size)];
    byte[] chunk = null;
    for (int i = 0; i < size; i++) {
      int slot = i % perChunk;
      if (slot == 0) {
        chunk = new byte[32];
        leaves[i / perChunk] = Chunk.wrap(chunk);
      }
      basic.write(elements.get(i), chunk, slot * es);
    }
    return leaves;
  }

  /** A value holding {@code elements} (checked against the type's length or limit). */
  public SszList<E> of(List<? extends E> elements) {
    checkSize(elements.size());
    Node[] leaves = leaves(elements);
    int depth = contentDepth(elements.size());
    return SszList.wrap(this, Trees.build(leaves, leaves.length, depth), depth, elements.size());
  }

  abstract void checkSize(long size);

  // ---------------------------------------------------------------- serialisation

  @Override
  public final boolean isFixedSize() {
    return !isList() && elementType.isFixedSize();
  }

  @Override
  public final int fixedSize() {
    if (!isFixedSize()) {
      throw new UnsupportedOperationException(name() + " has no fixed size");
    }
    return (int) (n * elementType.fixedSize());
  }

  @Override
  public final long minSize() {
    long count = isList() ? 0 : n;
    return elementType.isFixedSize() ? count * elementType.fixedSize() : count * (4 + elementType.minSize());
  }

  @Override
  public final long maxSize() {
    long max = elementType.isFixedSize() ? elementType.fixedSize() : 4 + elementType.maxSize();
    return multiplySaturated(n, max);
  }

  private static long multiplySaturated(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
  }

  @Override
  public final int serializedSize(SszList<E> value) {
    int size = value.size();
    if (elementType.isFixedSize()) {
      return size * elementType.fixedSize();
    }
    int total = 4 * size;
    for (E e : value) {
      total += elementType.serializedSize(e);
    }
    return total;
  }

  @Override
  public final int serialize(SszList<E> value, byte[] out, int offset) {
    int size = value.size();
    if (basic != null) {
      int total = size * basic.size();
      int[] pos = {offset};
      Trees.forEachLeaf(value.contentRoot(), value.contentDepth(), chunkCount(size), (i, leaf) -> {
        int len = Math.min(32, offset + total - pos[0]);
        System.arraycopy(leaf.hash(), 0, out, pos[0], len);
        pos[0] += len;
      });
      return offset + total;
    }
    // Composite elements: straight from the element leaves, without materialising the list.
    if (elementType.isFixedSize()) {
      int es = elementType.fixedSize();
      SszType<E> et = elementType;
      Trees.forEachLeaf(value.contentRoot(), value.contentDepth(), size,
          (i, leaf) -> et.serializeNode(leaf, out, offset + (int) i * es));
      return offset + size * es;
    }
    int[] pos = {offset + 4 * size};
    SszType<E> et = elementType;
    Trees.forEachLeaf(value.contentRoot(), value.contentDepth(), size, (i, leaf) -> {
      writeOffset(out, offset + 4 * (int) i, pos[0] - offset);
      pos[0] = et.serializeNode(leaf, out, pos[0]);
    });
    return pos[0];
  }

  static void writeOffset(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
  }

  static long readOffset(byte[] in, int at) {
    return (in[at] & 0xFFL) | (in[at + 1] & 0xFFL) << 8 | (in[at + 2] & 0xFFL) << 16 | (in[at + 3] & 0xFFL) << 24;
  }

  /** Parses the elements of {@code in[offset, offset+length)} into leaves, checking the count. */
  @Override
  public final SszList<E> deserialize(byte[] in, int offset, int length) {
    Node[] leaves;
    int count;
    if (basic != null) {
      int es = basic.size();
      if (length % es != 0) {
        throw SszDeserializationException.of(length + " bytes is not a whole number of " + elementType.name() + " (" + es + " bytes each)");
      }
      count = length / es;
      checkCount(count);
      leaves = new Node[(int) chunkCount(count)];
      for (int c = 0; c < leaves.length; c++) {
        int start = offset + c * 32;
        int len = Math.min(32, offset + length - start);
        if (basic instanceof BooleanType) {
          for (int i = 0; i < len; i++) {
            try {
              basic.read(in, start + i);
            } catch (SszDeserializationException e) {
              throw e.within("[" + (c * 32 + i) + "]");
            }
          }
        }
        leaves[c] = Chunk.copyOf(in, start, len);
      }
    } else if (elementType.isFixedSize()) {
      int es = elementType.fixedSize();
      if (length % es != 0) {
        throw SszDeserializationException.of(length + " bytes is not a whole number of " + elementType.name() + " (" + es + " bytes each)");
      }
      count = length / es;
      checkCount(count);
      leaves = new Node[count];
      for (int i = 0; i < count; i++) {
        leaves[i] = elementType.toNode(element(in, offset + i * es, es, i));
      }
    } else {
      count = readVariableCount(in, offset, length);
      leaves = new Node[count];
      long prev = 4L * count;
      for (int i = 0; i < count; i++) {
        long end = i + 1 < count ? readOffset(in, offset + 4 * (i + 1)) : length;
        if (end < prev || end > length) {
          throw SszDeserializationException.of("offset " + end + " of element " + (i + 1) + " is out of order or past the end (" + length + " bytes)");
        }
        leaves[i] = elementType.toNode(element(in, offset + (int) prev, (int) (end - prev), i));
        prev = end;
      }
    }
    int depth = contentDepth(count);
    return SszList.wrap(this, Trees.build(leaves, leaves.length, depth), depth, count);
  }

  private E element(byte[] in, int offset, int length, int index) {
    try {
      return elementType.deserialize(in, offset, length);
    } catch (SszDeserializationException e) {
      throw e.within("[" + index + "]");
    }
  }

  private int readVariableCount(byte[] in, int offset, int length) {
    if (length == 0) {
      checkCount(0);
      return 0;
    }
    if (length < 4) {
      throw SszDeserializationException.of("only " + length + " bytes, too short for the first offset");
    }
    long first = readOffset(in, offset);
    if (first % 4 != 0 || first == 0) {
      throw SszDeserializationException.of("first offset " + first + " is not a positive multiple of 4");
    }
    if (first > length) {
      throw SszDeserializationException.of("first offset " + first + " points past the end (" + length + " bytes)");
    }
    long count = first / 4;
    checkCount(count);
    return (int) count;
  }

  private void checkCount(long count) {
    if (isList() ? count > n : count != n) {
      throw SszDeserializationException.of(isList()
          ? count + " elements exceed the limit of " + name()
          : name() + " needs " + n + " elements, got " + count);
    }
  }

  // ---------------------------------------------------------------- merkleisation and plain form

  @Override
  public final byte[] hashTreeRoot(SszList<E> value) {
    return value.hash();
  }

  @Override
  public final Object toPlain(SszList<E> value) {
    List<Object> out = new ArrayList<>(value.size());
    for (E e : value) {
      out.add(elementType.toPlain(e));
    }
    return out;
  }

  @Override
  public final SszList<E> fromPlain(Object plain) {
    if (!(plain instanceof List<?> items)) {
      throw new SszPlainException("expected a sequence for " + name() + ", got " + PlainNumbers.describe(plain));
    }
    List<E> elements = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        elements.add(elementType.fromPlain(items.get(i)));
      } catch (SszPlainException e) {
        throw new SszPlainException("[" + i + "]: " + e.getMessage());
      }
    }
    try {
      return of(elements);
    } catch (IllegalArgumentException e) {
      throw new SszPlainException(e.getMessage());
    }
  }

  @Override
  public final Node toNode(SszList<E> value) {
    return value;
  }

  @Override
  public final SszList<E> fromNode(Node node) {
    if (node instanceof ZeroNode) {
      return defaultValue();
    }
    @SuppressWarnings("unchecked")
    SszList<E> list = (SszList<E>) node;
    return list;
  }

  @Override
  public String toString() {
    return name();
  }
}
