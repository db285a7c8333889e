package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * What each group has put into the proto-array: the balance and the vote node (see {@link
 * GroupSupport}) its current weight was applied with. Replacing a group's contribution emits the
 * difference, {@code -old balance} at the old vote node and {@code +new balance} at the new one,
 * so the proto-array only ever sees changes.
 */
final class AppliedVoteNodes {

  private long[] balance = new long[0];
  private int[] voteNode = new int[0]; // per group, or NONE when the group supports nothing

  void ensureGroups(int groups) {
    if (groups > balance.length) {
      int capacity = Math.max(groups, balance.length * 3 / 2 + 16);
      int old = balance.length;
      balance = Arrays.copyOf(balance, capacity);
      voteNode = Arrays.copyOf(voteNode, capacity);
      Arrays.fill(voteNode, old, capacity, BlockTreeView.NONE);
    }
  }

  /**
   * Replaces group {@code g}'s contribution by {@code newBalance} at {@code newVoteNode} (or
   * nothing, for {@code NONE}), adding the difference to {@code deltas}.
   */
  void replace(int g, long newBalance, int newVoteNode, long[] deltas) {
    if (voteNode[g] != BlockTreeView.NONE) {
      deltas[voteNode[g]] -= balance[g];
    }
    if (newVoteNode != BlockTreeView.NONE) {
      deltas[newVoteNode] += newBalance;
    }
    voteNode[g] = newVoteNode;
    balance[g] = newBalance;
  }

  /**
   * Follows the tree's pruning of its first {@code offset} nodes: a vote node that is pruned is
   * dropped and the others move down by {@code offset}, with no delta emitted.
   *
   * <p>Why that is correct: weight at a pruned node only ever added to that node and its
   * ancestors, which are pruned too (an ancestor has a smaller index), so the weights the
   * proto-array keeps never contained it; a kept vote node keeps its weight in the kept tree.
   * Whether the group's vote node moves is the layer's business (it computes every group again
   * after a prune), and the recomputation removes what the proto-array holds and nothing else.
   */
  void prune(int offset, int groups) {
    for (int g = 0; g < groups; g++) {
      int node = voteNode[g];
      voteNode[g] = node == BlockTreeView.NONE || node < offset ? BlockTreeView.NONE : node - offset;
    }
  }

  long balance(int g) {
    return balance[g];
  }

  int voteNode(int g) {
    return voteNode[g];
  }
}
