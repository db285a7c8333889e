package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.ssz.tree.Branch;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.infrastructure.ssz.types.CollectionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An immutable {@code List[E, N]} or {@code Vector[E, N]} value kept in a persistent Merkle tree
 * (basic elements packed 32 bytes a leaf). {@link #set}, {@link #append} and {@link Builder}
 * return new values that share every untouched subtree, so the next root rehashes only the
 * changed paths.
 */
public final class SszList<E> implements Node, Iterable<E> {
  private final CollectionType<E> type;
  private final Node root;
  private final int depth;
  private final int size;
  private volatile byte[] hash;

  private SszList(CollectionType<E> type, Node root, int depth, int size) {
    this.type = type;
    this.root = root;
    this.depth = depth;
    this.size = size;
  }

  /** For types: a value over an already built content tree. */
  public static <E> SszList<E> wrap(CollectionType<E> type, Node root, int depth, int size) {
    return new SszList<>(type, root, depth, size);
  }

  public CollectionType<E> type() {
    return type;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The root node of the content tree (no length mix-in). */
  public Node contentRoot() {
    return root;
  }

  public int contentDepth() {
    return depth;
  }

  public E get(int index) {
    checkIndex(index);
    return type.read(root, depth, index);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + type.name() + " with " + size + " elements");
    }
  }

  /** A copy with element {@code index} replaced. */
  public SszList<E> set(int index, E value) {
    checkIndex(index);
    return new SszList<>(type, type.write(root, depth, index, value), depth, size);
  }

  /** A copy with {@code value} added at the end (lists only, within the limit). */
  public SszList<E> append(E value) {
    if (!type.isList()) {
      throw new UnsupportedOperationException("cannot append to a " + type.name());
    }
    if (size >= type.n()) {
      throw new IllegalStateException(type.name() + " is full (" + size + " elements)");
    }
    Node r = root;
    int d = depth;
    long chunkIndex = size / type.elementsPerChunk();
    if (chunkIndex >= (1L << d)) {
      r = new Branch(r, ZeroNode.of(d));
      d++;
    }
    return new SszList<>(type, type.write(r, d, size, value), d, size + 1);
  }

  /** The elements {@code [from, size)} as a new list of the same type (the spec's {@code list[from:]}). */
  public SszList<E> sliceFrom(int from) {
    if (from < 0 || from > size) {
      throw new IndexOutOfBoundsException("slice from " + from + " of " + size);
    }
    if (from == 0) {
      return this;
    }
    return type.of(asList().subList(from, size));
  }

  /** The elements in a new mutable {@link ArrayList} (a snapshot). */
  public List<E> asList() {
    List<E> out = new ArrayList<>(size);
    forEach(out::add);
    return out;
  }

  public Stream<E> stream() {
    return StreamSupport.stream(Spliterators.spliterator(iterator(), size, Spliterator.ORDERED | Spliterator.SIZED), false);
  }

  @Override
  public Iterator<E> iterator() {
    // Materialising the leaves once is O(n) and avoids a root-to-leaf walk per element.
    List<E> items = new ArrayList<>(size);
    if (type.isPacked()) {
      for (int i = 0; i < size; i++) {
        items.add(null);
      }
      int per = type.elementsPerChunk();
      Trees.forEachLeaf(root, depth, type.chunkCount(size), (c, leaf) -> {
        for (int j = 0; j < per; j++) {
          int i = (int) c * per + j;
          if (i < size) {
            items.set(i, type.read(leaf, 0, j));
          }
        }
      });
    } else {
      Trees.forEachLeaf(root, depth, size, (i, leaf) -> items.add(type.elementType().fromNode(leaf)));
    }
    Iterator<E> it = items.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public E next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }
    };
  }

  /** An editor for many updates at once, committed in one pass over the tree. */
  public SszListEditor<E> edit() {
    return new SszListEditor<>(this);
  }

  /** The values of a packed {@code uint64} list or vector (one pass over the leaves). */
  public long[] toLongArray() {
    requirePacked(8);
    long[] out = new long[size];
    Trees.forEachLeaf(root, depth, type.chunkCount(size), (c, leaf) -> {
      byte[] b = leaf.hash();
      int base = (int) c * 4;
      for (int j = 0; j < 4 && base + j < size; j++) {
        out[base + j] = io.edvt.infrastructure.ssz.types.UInt64Type.readLong(b, 8 * j);
      }
    });
    return out;
  }

  /** The values of a packed {@code uint8} list or vector. */
  public byte[] toByteArray() {
    requirePacked(1);
    byte[] out = new byte[size];
    Trees.forEachLeaf(root, depth, type.chunkCount(size), (c, leaf) -> {
      int base = (int) c * 32;
      System.arraycopy(leaf.hash(), 0, out, base, Math.min(32, size - base));
    });
    return out;
  }

  /**
   * A list of the same type holding {@code values} (a packed {@code uint64} type). Leaves whose
   * content is unchanged are shared with this list, so only changed paths rehash.
   */
  public SszList<E> withLongs(long[] values) {
    requirePacked(8);
    byte[] bytes = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      io.edvt.infrastructure.ssz.types.UInt64Type.writeLong(values[i], bytes, 8 * i);
    }
    return withPackedBytes(bytes, values.length);
  }

  /** A list of the same type holding {@code values} (a packed {@code uint8} type), sharing unchanged leaves. */
  public SszList<E> withBytes(byte[] values) {
    requirePacked(1);
    return withPackedBytes(values, values.length);
  }

  private SszList<E> withPackedBytes(byte[] bytes, int count) {
    if (!type.isList() && count != size) {
      throw new IllegalArgumentException(type.name() + " needs " + size + " elements, got " + count);
    }
    if (count > type.n()) {
      throw new IllegalArgumentException(count + " elements exceed the limit of " + type.name());
    }
    int chunks = (int) type.chunkCount(count);
    Node[] leaves = new Node[chunks];
    int newDepth = type.contentDepth(count);
    boolean reuse = newDepth == depth;
    int oldChunks = reuse ? (int) Math.min(type.chunkCount(size), chunks) : 0;
    Node[] old = new Node[oldChunks];
    if (oldChunks > 0) {
      Trees.forEachLeaf(root, depth, oldChunks, (c, leaf) -> old[(int) c] = leaf);
    }
    for (int c = 0; c < chunks; c++) {
      int from = c * 32;
      int len = Math.min(32, bytes.length - from);
      if (c < oldChunks && java.util.Arrays.equals(old[c].hash(), 0, len, bytes, from, from + len)
          && (len == 32 || isZeroTail(old[c].hash(), len))) {
        leaves[c] = old[c];
      } else {
        leaves[c] = io.edvt.infrastructure.ssz.tree.Chunk.copyOf(bytes, from, len);
      }
    }
    Node newRoot = reuse
        ? Trees.buildReusing(root, leaves, chunks, newDepth)
        : Trees.build(leaves, chunks, newDepth);
    return new SszList<>(type, newRoot, newDepth, count);
  }

  private static boolean isZeroTail(byte[] chunk, int from) {
    for (int i = from; i < 32; i++) {
      if (chunk[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private void requirePacked(int elementSize) {
    if (!type.isPacked() || type.elementsPerChunk() != 32 / elementSize) {
      throw new UnsupportedOperationException(type.name() + " is not a packed list of " + elementSize + "-byte values");
    }
  }

  /** {@code hash_tree_root} of the value (cached; large fresh trees are hashed in parallel). */
  @Override
  public byte[] hash() {
    byte[] h = hash;
    if (h == null) {
      byte[] content = Trees.hashParallel(root, depth);
      h = type.rootFromContent(content, depth, size);
      hash = h;
    }
    return h;
  }

  public org.apache.tuweni.bytes.Bytes32 hashTreeRoot() {
    return org.apache.tuweni.bytes.Bytes32.wrap(hash());
  }

  public byte[] serialize() {
    return type.serialize(this);
  }

  /** Equal when of the same type and with the same root (SSZ roots bind the whole value). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SszList<?> other
        && other.type.name().equals(type.name())
        && other.size == size
        && Arrays.equals(other.hash(), hash());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash());
  }

  @Override
  public String toString() {
    return type.name() + "(size=" + size + ")";
  }

}
