package io.edvt.forkchoice.tree;

/**
 * The block tree as an array of nodes, the way a proto-array stores it: node indices run from
 * {@code 0} to {@code size() - 1}, and a block is always added after its parent, so a parent's
 * index is smaller than its child's. Vote layers (one vote per validator in Fulu, threshold
 * groups in EDVT) see the tree through this view and express their weight as per-node deltas in
 * the same index space.
 */
public interface BlockTreeView {

  /** The parent of a node that has none in the tree (the anchor, or a pruned-away parent). */
  int NONE = -1;

  /** The number of nodes; valid indices are {@code 0 .. size() - 1}. */
  int size();

  /** The index of {@code node}'s parent, which is smaller than {@code node}, or {@link #NONE}. */
  int parent(int node);
}
