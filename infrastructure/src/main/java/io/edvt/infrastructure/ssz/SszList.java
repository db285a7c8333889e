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

  /** A builder for many updates at once, committed in one pass over the tree. */
  public Builder<E> toBuilder() {
    return new Builder<>(this);
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

  /**
   * Collects updates and appends, then builds the new list in one pass: each touched inner
   * node is rebuilt once, so n updates cost far less than n separate {@link #set} calls.
   */
  public static final class Builder<E> {
    private final SszList<E> base;
    private final List<E> elements;
    private boolean changed;

    private Builder(SszList<E> base) {
      this.base = base;
      this.elements = base.asList();
    }

    public int size() {
      return elements.size();
    }

    public E get(int index) {
      return elements.get(index);
    }

    public Builder<E> set(int index, E value) {
      elements.set(index, value);
      changed = true;
      return this;
    }

    public Builder<E> append(E value) {
      if (elements.size() >= base.type.n() || !base.type.isList()) {
        throw new IllegalStateException("cannot append to " + base.type.name() + " with " + elements.size() + " elements");
      }
      elements.add(value);
      changed = true;
      return this;
    }

    /** The new list; unchanged leaves and subtrees are shared with the original. */
    public SszList<E> build() {
      if (!changed) {
        return base;
      }
      CollectionType<E> type = base.type;
      Node[] leaves = type.leaves(elements);
      int size = elements.size();
      int depth = type.contentDepth(size);
      // Reuse the old leaf object wherever the content is unchanged, so the old subtrees
      // (and their cached hashes) survive.
      if (depth == base.depth) {
        int oldChunks = (int) Math.min(type.chunkCount(base.size), leaves.length);
        Node[] oldLeaves = new Node[oldChunks];
        Trees.forEachLeaf(base.root, base.depth, oldChunks, (c, leaf) -> oldLeaves[(int) c] = leaf);
        for (int c = 0; c < oldChunks; c++) {
          Node old = oldLeaves[c];
          // Same element type and same root means same content: keep the old node.
          if (old == leaves[c] || Arrays.equals(old.hash(), leaves[c].hash())) {
            leaves[c] = old;
          }
        }
        return new SszList<>(type, Trees.buildReusing(base.root, leaves, leaves.length, depth), depth, size);
      }
      return new SszList<>(type, Trees.build(leaves, leaves.length, depth), depth, size);
    }
  }
}
