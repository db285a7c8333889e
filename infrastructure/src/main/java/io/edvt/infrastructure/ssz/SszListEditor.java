package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.ssz.tree.Branch;
import io.edvt.infrastructure.ssz.tree.Chunk;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.infrastructure.ssz.types.BasicType;
import io.edvt.infrastructure.ssz.types.CollectionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable working copy of an {@link SszList}: reads see earlier writes, and {@link #commit()}
 * applies every change in one pass, rebuilding each touched inner node once. Changes are kept
 * sparsely, so editing a few elements of a million-element list costs only those elements.
 * Not thread-safe; the underlying list is never modified.
 */
public final class SszListEditor<E> {
  private final SszList<E> base;
  private final Map<Integer, E> changes = new HashMap<>();
  private final List<E> appended = new ArrayList<>();

  SszListEditor(SszList<E> base) {
    this.base = base;
  }

  public int size() {
    return base.size() + appended.size();
  }

  public E get(int index) {
    if (index >= base.size()) {
      if (index >= size()) {
        throw new IndexOutOfBoundsException("index " + index + " of " + base.type().name() + " with " + size() + " elements");
      }
      return appended.get(index - base.size());
    }
    E changed = changes.get(index);
    return changed != null ? changed : base.get(index);
  }

  public SszListEditor<E> set(int index, E value) {
    if (value == null) {
      throw new NullPointerException("null element for " + base.type().name());
    }
    if (index >= base.size()) {
      if (index >= size()) {
        throw new IndexOutOfBoundsException("index " + index + " of " + base.type().name() + " with " + size() + " elements");
      }
      appended.set(index - base.size(), value);
    } else if (index < 0) {
      throw new IndexOutOfBoundsException("index " + index);
    } else {
      changes.put(index, value);
    }
    return this;
  }

  public SszListEditor<E> append(E value) {
    if (!base.type().isList()) {
      throw new UnsupportedOperationException("cannot append to a " + base.type().name());
    }
    if (size() >= base.type().n()) {
      throw new IllegalStateException(base.type().name() + " is full (" + size() + " elements)");
    }
    if (value == null) {
      throw new NullPointerException("null element for " + base.type().name());
    }
    appended.add(value);
    return this;
  }

  public boolean isChanged() {
    return !changes.isEmpty() || !appended.isEmpty();
  }

  /** The list as it would be committed now (the editor stays usable). */
  public SszList<E> commit() {
    if (!isChanged()) {
      return base;
    }
    CollectionType<E> type = base.type();
    int newSize = size();
    Node root = base.contentRoot();
    int depth = base.contentDepth();
    int newDepth = type.contentDepth(newSize);
    while (depth < newDepth) {
      root = new Branch(root, ZeroNode.of(depth));
      depth++;
    }
    TreeMap<Long, Node> leaves = new TreeMap<>();
    if (type.isPacked()) {
      @SuppressWarnings("unchecked")
      BasicType<E> basic = (BasicType<E>) type.elementType();
      int per = type.elementsPerChunk();
      int es = basic.size();
      Map<Long, byte[]> chunks = new HashMap<>();
      Node r = root;
      int d = depth;
      java.util.function.BiConsumer<Integer, E> write = (i, v) -> {
        long c = i / per;
        byte[] chunk = chunks.computeIfAbsent(c, k -> Trees.get(r, d, k).hash().clone());
        basic.write(v, chunk, (i % per) * es);
      };
      changes.forEach(write);
      for (int k = 0; k < appended.size(); k++) {
        write.accept(base.size() + k, appended.get(k));
      }
      chunks.forEach((c, bytes) -> leaves.put(c, Chunk.wrap(bytes)));
    } else {
      changes.forEach((i, v) -> leaves.put((long) i, type.elementType().toNode(v)));
      for (int k = 0; k < appended.size(); k++) {
        leaves.put((long) base.size() + k, type.elementType().toNode(appended.get(k)));
      }
    }
    long[] indices = new long[leaves.size()];
    Node[] nodes = new Node[leaves.size()];
    int n = 0;
    for (var e : leaves.entrySet()) {
      indices[n] = e.getKey();
      nodes[n] = e.getValue();
      n++;
    }
    Node newRoot = Trees.setAll(root, depth, indices, nodes, 0, n);
    return SszList.wrap(type, newRoot, depth, newSize);
  }
}
