package io.edvt.forkchoice.threshold;

import java.util.Arrays;

/**
 * What each group has put into the proto-array: the balance and the placements (see {@link
 * GroupSupport}) its current weight was applied with. Replacing a group's contribution emits the
 * difference, {@code new balance * new placements - old balance * old placements}, as per-node
 * deltas, so the proto-array only ever sees changes.
 */
final class AppliedPlacements {

  private static final int[] NO_PAIRS = new int[0];

  private long[] balance = new long[0];
  // Per group: node, multiplier, node, multiplier, ... (first pairCount[g] pairs are valid). The
  // array is reused while it is large enough, so a steady stream of vote changes does not allocate.
  private int[][] pairs = new int[0][];
  private int[] pairCount = new int[0];

  void ensureGroups(int groups) {
    if (groups > balance.length) {
      int capacity = Math.max(groups, balance.length * 3 / 2 + 16);
      int old = balance.length;
      balance = Arrays.copyOf(balance, capacity);
      pairCount = Arrays.copyOf(pairCount, capacity);
      pairs = Arrays.copyOf(pairs, capacity);
      Arrays.fill(pairs, old, capacity, NO_PAIRS);
    }
  }

  /**
   * Replaces group {@code g}'s contribution by {@code newBalance} times the placements last
   * computed by {@code support}, adding the difference to {@code deltas}.
   */
  void replace(int g, long newBalance, GroupSupport support, long[] deltas) {
    int[] old = pairs[g];
    long oldBalance = balance[g];
    for (int i = 0; i < pairCount[g]; i++) {
      deltas[old[2 * i]] -= oldBalance * old[2 * i + 1];
    }
    int count = support.placementCount();
    int[] next = old.length >= 2 * count ? old : new int[2 * count];
    for (int i = 0; i < count; i++) {
      int node = support.node(i);
      int multiplier = support.multiplier(i);
      deltas[node] += newBalance * multiplier;
      next[2 * i] = node;
      next[2 * i + 1] = multiplier;
    }
    pairs[g] = next;
    pairCount[g] = count;
    balance[g] = newBalance;
  }

  /**
   * Follows the tree's pruning of its first {@code offset} nodes: placements at pruned nodes are
   * dropped and the others move down by {@code offset}, with no delta emitted.
   *
   * <p>Why that is correct: a placement at a pruned node only ever added weight to that node and
   * its ancestors, which are pruned too (an ancestor has a smaller index), so the weights the
   * proto-array keeps never contained it. And the placements that stay are exactly the ones a
   * fresh computation on the pruned tree gives: the multiplier at a node is {@code f(v) - sum of
   * f over v's children}, where {@code f(v)} depends only on the votes in {@code v}'s subtree;
   * the subtree and the children of a kept node are all kept (they have larger indices), so
   * neither changes. The next recomputation of the group therefore removes what the proto-array
   * holds and nothing else.
   */
  void prune(int offset, int groups) {
    for (int g = 0; g < groups; g++) {
      int[] p = pairs[g];
      int kept = 0;
      for (int i = 0; i < pairCount[g]; i++) {
        int node = p[2 * i];
        if (node >= offset) {
          p[2 * kept] = node - offset;
          p[2 * kept + 1] = p[2 * i + 1];
          kept++;
        }
      }
      pairCount[g] = kept;
    }
  }

  long balance(int g) {
    return balance[g];
  }

  /** Group {@code g}'s applied placements as {@code node, multiplier} pairs (a copy). */
  int[] pairs(int g) {
    return Arrays.copyOf(pairs[g], 2 * pairCount[g]);
  }
}
