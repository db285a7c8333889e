package io.edvt.forkchoice.threshold;

import static io.edvt.forkchoice.tree.BlockTreeView.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupSupportTest {

  private final ArrayTree tree = new ArrayTree();
  private final GroupSupport support = new GroupSupport(4);

  private int voteNode(int threshold, int... votes) {
    return support.voteNode(tree, votes, 0, votes.length, threshold);
  }

  @Test
  void placesTheGroupAtTheCommonAncestorWhenNeitherForkHasTheThreshold() {
    int root = tree.add(NONE);
    int fork = tree.chain(root, 3);
    int a = tree.chain(fork, 2);
    int b = tree.chain(fork, 4);

    // 7 members, m = 5: 4 on one fork, 3 on the other; only `fork` and its ancestors have 5.
    assertThat(voteNode(5, a, a, a, a, b, b, b)).isEqualTo(fork);
  }

  @Test
  void placesTheGroupOnTheForkThatHasTheThreshold() {
    int root = tree.add(NONE);
    int fork = tree.chain(root, 2);
    int a = tree.chain(fork, 2);
    int b = tree.chain(fork, 1);

    assertThat(voteNode(5, a, a, a, a, a, b, b)).isEqualTo(a);
  }

  @Test
  void placesTheGroupAtTheDeepestBlockThatMMembersSupportAlongOneChain() {
    int root = tree.add(NONE);
    int b1 = tree.add(root);
    int b2 = tree.add(b1);
    int b3 = tree.add(b2);
    int b4 = tree.add(b3);

    // m = 3: b4 has 1 vote below it, b3 2, b2 3.
    assertThat(voteNode(3, b4, b3, b2, b1, root)).isEqualTo(b2);
  }

  @Test
  void placesNothingWhenFewerThanMMembersVote() {
    int root = tree.add(NONE);
    int a = tree.chain(root, 2);

    assertThat(voteNode(3, a, NONE, a, NONE)).isEqualTo(NONE);
  }

  @Test
  void countsOnceWhereTheForksMeetWhenTwoDisjointSetsOfMMembersSupportThem() {
    int root = tree.add(NONE);
    int fork = tree.chain(root, 2);
    int a = tree.chain(fork, 3);
    int b = tree.chain(fork, 1);

    // n = 4, m = 2 (2m <= n): each fork has m members, so the group's vote node is where they meet
    // and neither fork gains from it.
    assertThat(voteNode(2, a, b, a, b)).isEqualTo(fork);
  }

  @Test
  void votesForTheCommonAncestorOfEverySupportedBranch() {
    int root = tree.add(NONE);
    int left = tree.chain(root, 1);
    int a = tree.chain(left, 1);
    int b = tree.chain(left, 2);
    int c = tree.chain(root, 3);

    assertThat(voteNode(1, a, b)).isEqualTo(left);
    assertThat(voteNode(1, a, b, c)).isEqualTo(root);
  }

  @Test
  void supportsNothingAcrossTheRootsOfAPrunedForest() {
    int r1 = tree.add(NONE);
    int r2 = tree.add(NONE);
    int a = tree.add(r1);
    int b = tree.add(r2);

    // m = 1: the supported blocks share no ancestor, so no block carries the group.
    assertThat(voteNode(1, a, b)).isEqualTo(NONE);
    assertThat(voteNode(1, a, a)).isEqualTo(a);
    // m = 2: no single node has both votes below it.
    assertThat(voteNode(2, a, b)).isEqualTo(NONE);
  }

  @Test
  void growsItsScratchSpaceForLargerGroups() {
    int root = tree.add(NONE);
    int[] votes = new int[16];
    for (int i = 0; i < votes.length; i++) {
      votes[i] = tree.add(root);
    }

    assertThat(voteNode(1, votes)).isEqualTo(root);
  }

  @Test
  void readsTheMembersOfOneGroupFromASliceOfASharedArray() {
    int root = tree.add(NONE);
    int a = tree.chain(root, 2);
    int b = tree.chain(root, 1);
    int[] shared = {a, a, b, b, b, a};

    assertThat(support.voteNode(tree, shared, 2, 3, 3)).isEqualTo(b);
  }

  /**
   * Thousands of random forests (some roots pruned away) and vote sets: the vote node is the one
   * found independently, by brute force: the deepest node with at least m votes at or below it that
   * is on one chain with every other such node (counted by walking up from each vote).
   */
  @Test
  void findsTheDeepestSupportedNodeComparableWithEveryOtherOnRandomTrees() {
    Random random = new Random(7);
    for (int round = 0; round < 3000; round++) {
      ArrayTree forest = new ArrayTree();
      int size = 1 + random.nextInt(60);
      for (int i = 0; i < size; i++) {
        forest.add(i == 0 || random.nextInt(15) == 0 ? NONE : random.nextInt(i));
      }
      int n = 1 + random.nextInt(16);
      int m = 1 + random.nextInt(n);
      int[] votes = new int[n];
      for (int i = 0; i < n; i++) {
        votes[i] = random.nextInt(6) == 0 ? NONE : size - 1 - random.nextInt(Math.min(size, 1 + random.nextInt(size)));
      }
      boolean[] supported = new boolean[size];
      for (int v = 0; v < size; v++) {
        int below = 0;
        for (int vote : votes) {
          if (vote != NONE && onChain(forest, vote, v)) {
            below++;
          }
        }
        supported[v] = below >= m;
      }
      int expected = NONE;
      for (int v = 0; v < size; v++) {
        boolean comparable = supported[v];
        for (int w = 0; w < size && comparable; w++) {
          comparable = !supported[w] || onChain(forest, w, v) || onChain(forest, v, w);
        }
        if (comparable && (expected == NONE || onChain(forest, v, expected))) {
          expected = v; // a deeper candidate: the previous one is on v's chain
        }
      }
      assertThat(support.voteNode(forest, votes, 0, n, m))
          .as("round %d: threshold %d of %d, votes %s", round, m, n, Arrays.toString(votes))
          .isEqualTo(expected);
    }
  }

  /** Whether {@code ancestor} is {@code node} or one of its ancestors. */
  private static boolean onChain(ArrayTree forest, int node, int ancestor) {
    for (int x = node; x != NONE; x = forest.parent(x)) {
      if (x == ancestor) {
        return true;
      }
    }
    return false;
  }

  @Test
  void neverWalksTheOldVoteOfAnOfflineMemberWhenTheOthersAgree() {
    int genesis = tree.add(NONE);
    int head = tree.chain(genesis, 1000);
    int[] parentCalls = {0};
    BlockTreeView counting =
        new BlockTreeView() {
          @Override
          public int size() {
            return tree.size();
          }

          @Override
          public int parent(int node) {
            parentCalls[0]++;
            return tree.parent(node);
          }
        };

    assertThat(support.voteNode(counting, new int[] {head, head, head, head, head, head, genesis}, 0, 7, 5))
        .isEqualTo(head);
    assertThat(parentCalls[0]).isLessThanOrEqualTo(1);
  }

  @Test
  void rejectsAThresholdBelowOne() {
    tree.add(NONE);
    assertThatThrownBy(() -> voteNode(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
