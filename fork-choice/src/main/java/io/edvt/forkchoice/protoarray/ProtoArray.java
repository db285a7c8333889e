package io.edvt.forkchoice.protoarray;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The block tree as a proto-array: nodes in insertion order (a parent always before its
 * children), each with its accumulated weight, its best child and best descendant.
 *
 * <p>Weights change only through per-node deltas ({@link #applyDeltas}): one backward pass adds
 * each node's delta to its weight and passes it on to the parent, so the cost is O(nodes)
 * whatever the number of validators. Choosing the head ({@link #updateBestDescendants}) is a
 * second backward pass that implements the spec's {@code get_head} over
 * {@code get_filtered_block_tree}: only leaves are tested for viability, an inner node is in the
 * filtered tree when one of its children is, and among the children of a node the one with the
 * greatest {@code (weight, root)} wins.
 *
 * <p>Pruning ({@link #prune}) drops every node before a given index (the finalized block), so
 * the remaining indices shift down by that offset; vote layers are told the offset.
 */
public final class ProtoArray implements BlockTreeView {
  private final List<Bytes32> roots = new ArrayList<>();
  private final Map<Bytes32, Integer> indices = new HashMap<>();
  private int[] parents = new int[16];
  private long[] slots = new long[16];
  private long[] justifiedEpochs = new long[16];
  private long[] unrealizedJustifiedEpochs = new long[16];
  private long[] weights = new long[16];
  private int[] bestChildren = new int[16];
  private int[] bestDescendants = new int[16];
  private int size;

  @Override
  public int size() {
    return size;
  }

  @Override
  public int parent(int node) {
    check(node);
    return parents[node];
  }

  /**
   * Adds a block after its parent. {@code justifiedEpoch} is the epoch of its post-state's
   * {@code current_justified_checkpoint}, {@code unrealizedJustifiedEpoch} that of its pulled-up
   * tip ({@code compute_pulled_up_tip}); the two are the voting sources the viability filter
   * uses. A parent that is not in the array (the anchor's, or a pruned one) gives {@link #NONE}.
   *
   * @return the new node's index
   */
  public int add(Bytes32 root, Bytes32 parentRoot, UInt64 slot, UInt64 justifiedEpoch, UInt64 unrealizedJustifiedEpoch) {
    if (indices.containsKey(root)) {
      throw new IllegalArgumentException("block " + root + " is already in the proto-array");
    }
    ensureCapacity(size + 1);
    int index = size++;
    roots.add(root);
    indices.put(root, index);
    parents[index] = indices.getOrDefault(parentRoot, NONE);
    slots[index] = slot.longValue();
    justifiedEpochs[index] = justifiedEpoch.longValue();
    unrealizedJustifiedEpochs[index] = unrealizedJustifiedEpoch.longValue();
    weights[index] = 0;
    bestChildren[index] = NONE;
    bestDescendants[index] = NONE;
    return index;
  }

  /** The index of the block {@code root}, or {@link #NONE} when it is not in the array. */
  public int indexOf(Bytes32 root) {
    Integer i = indices.get(root);
    return i == null ? NONE : i;
  }

  public boolean contains(Bytes32 root) {
    return indices.containsKey(root);
  }

  public Bytes32 root(int node) {
    check(node);
    return roots.get(node);
  }

  public UInt64 slot(int node) {
    check(node);
    return UInt64.fromLongBits(slots[node]);
  }

  /** The epoch of the node's post-state {@code current_justified_checkpoint}. */
  public UInt64 justifiedEpoch(int node) {
    check(node);
    return UInt64.fromLongBits(justifiedEpochs[node]);
  }

  /** The epoch of the node's unrealized justification ({@code store.unrealized_justifications}). */
  public UInt64 unrealizedJustifiedEpoch(int node) {
    check(node);
    return UInt64.fromLongBits(unrealizedJustifiedEpochs[node]);
  }

  /** The node's weight: the balance of the votes for it and its descendants, plus any boost. */
  public long weight(int node) {
    check(node);
    return weights[node];
  }

  /** The best descendant found by the last {@link #updateBestDescendants}, or {@link #NONE}. */
  public int bestDescendant(int node) {
    check(node);
    return bestDescendants[node];
  }

  /** The best child found by the last {@link #updateBestDescendants}, or {@link #NONE}. */
  public int bestChild(int node) {
    check(node);
    return bestChildren[node];
  }

  /**
   * Adds {@code deltas[i]} to node {@code i} and to every ancestor of it. {@code deltas} must
   * have one entry per node; it is consumed (used as the accumulator).
   */
  public void applyDeltas(long[] deltas) {
    if (deltas.length != size) {
      throw new IllegalArgumentException("deltas has " + deltas.length + " entries for " + size + " nodes");
    }
    for (int i = size - 1; i >= 0; i--) {
      long delta = deltas[i];
      if (delta == 0) {
        continue;
      }
      long weight = weights[i] + delta;
      if (weight < 0) {
        throw new IllegalStateException("node " + i + " would get the negative weight " + weight);
      }
      weights[i] = weight;
      int p = parents[i];
      if (p != NONE) {
        deltas[p] += delta;
      }
    }
  }

  /**
   * Recomputes every node's best child and best descendant. A leaf is its own best descendant
   * when {@code viableLeaf} accepts it (and has none otherwise); an inner node's best child is
   * its child with a best descendant and the greatest {@code (weight, root)}, roots compared as
   * unsigned bytes, and its best descendant is that child's.
   */
  public void updateBestDescendants(IntPredicate viableLeaf) {
    boolean[] hasChildren = new boolean[size];
    Arrays.fill(bestChildren, 0, size, NONE);
    Arrays.fill(bestDescendants, 0, size, NONE);
    for (int i = size - 1; i >= 0; i--) {
      if (!hasChildren[i]) {
        bestDescendants[i] = viableLeaf.test(i) ? i : NONE;
      }
      int p = parents[i];
      if (p == NONE) {
        continue;
      }
      hasChildren[p] = true;
      if (bestDescendants[i] != NONE && (bestChildren[p] == NONE || isBetter(i, bestChildren[p]))) {
        bestChildren[p] = i;
        bestDescendants[p] = bestDescendants[i];
      }
    }
  }

  /** {@code get_head} from {@code start} (the justified block): its best descendant, or itself. */
  public int head(int start) {
    int best = bestDescendant(start);
    return best == NONE ? start : best;
  }

  private boolean isBetter(int a, int b) {
    if (weights[a] != weights[b]) {
      return weights[a] > weights[b];
    }
    return Arrays.compareUnsigned(roots.get(a).toArrayUnsafe(), roots.get(b).toArrayUnsafe()) > 0;
  }

  /**
   * {@code get_ancestor(node, slot)}: the node itself when its slot is at most {@code slot},
   * else the parent's ancestor. The walk stops at the oldest node it can reach (the anchor, or
   * the first node after a pruned parent).
   */
  public int ancestorAtSlot(int node, UInt64 slot) {
    check(node);
    long s = slot.longValue();
    int n = node;
    while (Long.compareUnsigned(slots[n], s) > 0 && parents[n] != NONE) {
      n = parents[n];
    }
    return n;
  }

  /** Whether {@code ancestor} is {@code node} or one of its ancestors. */
  public boolean isAncestorOrSelf(int ancestor, int node) {
    check(ancestor);
    int n = node;
    while (n > ancestor) {
      n = parents[n];
    }
    return n == ancestor;
  }

  /**
   * Drops the nodes {@code 0 .. keepFrom - 1}; node {@code keepFrom} becomes node 0 and every
   * later index shifts down by {@code keepFrom}. A kept node whose parent was dropped gets
   * {@link #NONE}.
   *
   * @return the roots that were dropped
   */
  public List<Bytes32> prune(int keepFrom) {
    if (keepFrom <= 0) {
      return List.of();
    }
    check(keepFrom);
    List<Bytes32> dropped = new ArrayList<>(roots.subList(0, keepFrom));
    int remaining = size - keepFrom;
    for (int i = 0; i < remaining; i++) {
      int from = i + keepFrom;
      int p = parents[from];
      parents[i] = p < keepFrom ? NONE : p - keepFrom;
      slots[i] = slots[from];
      justifiedEpochs[i] = justifiedEpochs[from];
      unrealizedJustifiedEpochs[i] = unrealizedJustifiedEpochs[from];
      weights[i] = weights[from];
      bestChildren[i] = shifted(bestChildren[from], keepFrom);
      bestDescendants[i] = shifted(bestDescendants[from], keepFrom);
    }
    roots.subList(0, keepFrom).clear();
    indices.clear();
    for (int i = 0; i < remaining; i++) {
      indices.put(roots.get(i), i);
    }
    size = remaining;
    return dropped;
  }

  private static int shifted(int index, int offset) {
    return index == NONE || index < offset ? NONE : index - offset;
  }

  private void check(int node) {
    if (node < 0 || node >= size) {
      throw new IndexOutOfBoundsException("node " + node + " of " + size);
    }
  }

  private void ensureCapacity(int capacity) {
    if (capacity <= parents.length) {
      return;
    }
    int n = Math.max(capacity, parents.length * 2);
    parents = Arrays.copyOf(parents, n);
    slots = Arrays.copyOf(slots, n);
    justifiedEpochs = Arrays.copyOf(justifiedEpochs, n);
    unrealizedJustifiedEpochs = Arrays.copyOf(unrealizedJustifiedEpochs, n);
    weights = Arrays.copyOf(weights, n);
    bestChildren = Arrays.copyOf(bestChildren, n);
    bestDescendants = Arrays.copyOf(bestDescendants, n);
  }
}
