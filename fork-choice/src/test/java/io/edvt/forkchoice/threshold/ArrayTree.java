package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * A minimal proto-array shape for tests: parents in an array, blocks appended after their parent,
 * a prefix dropped by {@link #prune}, and subtree weights from accumulated per-node deltas the way
 * a proto-array propagates them.
 */
final class ArrayTree implements BlockTreeView {
  private int[] parent = new int[0];
  private long[] delta = new long[0];
  private int size;

  /** Adds a block under {@code parentNode} ({@code NONE} for a root) and returns its index. */
  int add(int parentNode) {
    if (parentNode >= size) {
      throw new IllegalArgumentException("parent " + parentNode + " not in the tree");
    }
    if (size == parent.length) {
      parent = Arrays.copyOf(parent, size * 2 + 4);
      delta = Arrays.copyOf(delta, size * 2 + 4);
    }
    parent[size] = parentNode;
    delta[size] = 0;
    return size++;
  }

  /** A chain of {@code length} blocks under {@code from}; returns the last. */
  int chain(int from, int length) {
    int node = from;
    for (int i = 0; i < length; i++) {
      node = add(node);
    }
    return node;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int parent(int node) {
    return parent[node];
  }

  /** Adds per-node deltas, as a proto-array's applyScoreChanges would. */
  void apply(long[] deltas) {
    for (int i = 0; i < size; i++) {
      delta[i] += deltas[i];
    }
  }

  /** Every node's weight: its own accumulated delta plus its descendants'. */
  long[] subtreeWeights() {
    long[] weight = Arrays.copyOf(delta, size);
    for (int i = size - 1; i >= 0; i--) {
      if (parent[i] != NONE) {
        weight[parent[i]] += weight[i];
      }
    }
    return weight;
  }

  /** Drops the first {@code offset} nodes and their weight; parents that were dropped become NONE. */
  void prune(int offset) {
    int[] p = new int[Math.max(4, size - offset)];
    long[] d = new long[p.length];
    for (int i = offset; i < size; i++) {
      p[i - offset] = parent[i] < offset ? NONE : parent[i] - offset;
      d[i - offset] = delta[i];
    }
    parent = p;
    delta = d;
    size -= offset;
  }
}
