package io.edvt.forkchoice.threshold;

import static io.edvt.forkchoice.tree.BlockTreeView.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupSupportTest {

  private final ArrayTree tree = new ArrayTree();
  private final GroupSupport support = new GroupSupport(4);

  private int[] placements(int threshold, int... votes) {
    support.compute(tree, votes, 0, votes.length, threshold);
    return support.toPairs();
  }

  @Test
  void placesTheGroupAtTheCommonAncestorWhenNeitherForkHasTheThreshold() {
    int root = tree.add(NONE);
    int fork = tree.chain(root, 3);
    int a = tree.chain(fork, 2);
    int b = tree.chain(fork, 4);

    // 7 members, m = 5: 4 on one fork, 3 on the other; only `fork` and its ancestors have 5.
    assertThat(placements(5, a, a, a, a, b, b, b)).containsExactly(fork, 1);
  }

  @Test
  void placesTheGroupOnTheForkThatHasTheThreshold() {
    int root = tree.add(NONE);
    int fork = tree.chain(root, 2);
    int a = tree.chain(fork, 2);
    int b = tree.chain(fork, 1);

    assertThat(placements(5, a, a, a, a, a, b, b)).containsExactly(a, 1);
  }

  @Test
  void placesTheGroupAtTheDeepestBlockThatMMembersSupportAlongOneChain() {
    int root = tree.add(NONE);
    int b1 = tree.add(root);
    int b2 = tree.add(b1);
    int b3 = tree.add(b2);
    int b4 = tree.add(b3);

    // m = 3: b4 has 1 vote below it, b3 2, b2 3.
    assertThat(placements(3, b4, b3, b2, b1, root)).containsExactly(b2, 1);
  }

  @Test
  void placesNothingWhenFewerThanMMembersVote() {
    int root = tree.add(NONE);
    int a = tree.chain(root, 2);

    assertThat(placements(3, a, NONE, a, NONE)).isEmpty();
  }

  @Test
  void countsOnBothForksWhenTwoDisjointSetsOfMMembersSupportThem() {
    int root = tree.add(NONE);
    int fork = tree.chain(root, 2);
    int a = tree.chain(fork, 3);
    int b = tree.chain(fork, 1);

    // n = 4, m = 2 (2m <= n): +1 on each fork, -1 where they meet, so every block from `fork` up
    // counts the group once and each fork counts it once.
    int[] pairs = placements(2, a, b, a, b);
    assertThat(pairs).hasSize(6);
    assertThat(multiplierAt(pairs, a)).isEqualTo(1);
    assertThat(multiplierAt(pairs, b)).isEqualTo(1);
    assertThat(multiplierAt(pairs, fork)).isEqualTo(-1);
  }

  @Test
  void subtractsOneLessThanTheNumberOfSupportedBranchesWhereSeveralMeet() {
    int root = tree.add(NONE);
    int a = tree.chain(root, 1);
    int b = tree.chain(root, 2);
    int c = tree.chain(root, 3);

    int[] pairs = placements(1, a, b, c);
    assertThat(multiplierAt(pairs, a)).isEqualTo(1);
    assertThat(multiplierAt(pairs, b)).isEqualTo(1);
    assertThat(multiplierAt(pairs, c)).isEqualTo(1);
    assertThat(multiplierAt(pairs, root)).isEqualTo(-2);
  }

  @Test
  void treatsRootsOfAPrunedForestSeparately() {
    int r1 = tree.add(NONE);
    int r2 = tree.add(NONE);
    int a = tree.add(r1);
    int b = tree.add(r2);

    // m = 1: both trees get the group, with no common ancestor to subtract at.
    int[] pairs = placements(1, a, b);
    assertThat(pairs).hasSize(4);
    assertThat(multiplierAt(pairs, a)).isEqualTo(1);
    assertThat(multiplierAt(pairs, b)).isEqualTo(1);
    // m = 2: no single node has both votes below it.
    assertThat(placements(2, a, b)).isEmpty();
  }

  @Test
  void growsItsScratchSpaceForLargerGroups() {
    int root = tree.add(NONE);
    int[] votes = new int[16];
    for (int i = 0; i < votes.length; i++) {
      votes[i] = tree.add(root);
    }

    int[] pairs = placements(1, votes);
    assertThat(pairs).hasSize(2 * 17);
    assertThat(multiplierAt(pairs, root)).isEqualTo(-15);
  }

  @Test
  void readsTheMembersOfOneGroupFromASliceOfASharedArray() {
    int root = tree.add(NONE);
    int a = tree.chain(root, 2);
    int b = tree.chain(root, 1);
    int[] shared = {a, a, b, b, b, a};

    support.compute(tree, shared, 2, 3, 3);
    assertThat(support.toPairs()).containsExactly(b, 1);
  }

  /**
   * Thousands of random forests (some roots pruned away) and vote sets: for every node, the
   * placements in its subtree add up to 1 exactly when at least m votes are the node or below it,
   * counted by walking up from each vote.
   */
  @Test
  void subtreeSumsOfPlacementsAreTheThresholdIndicatorOnRandomTrees() {
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
      int count = support.compute(forest, votes, 0, n, m);
      long[] placed = new long[size];
      for (int i = 0; i < count; i++) {
        placed[support.node(i)] += support.multiplier(i);
      }
      forest.apply(placed);
      long[] subtreeSums = forest.subtreeWeights();
      for (int v = 0; v < size; v++) {
        int below = 0;
        for (int vote : votes) {
          for (int x = vote; x != NONE; x = forest.parent(x)) {
            if (x == v) {
              below++;
              break;
            }
          }
        }
        assertThat(subtreeSums[v])
            .as("round %d node %d: %d of %d votes below, threshold %d", round, v, below, n, m)
            .isEqualTo(below >= m ? 1 : 0);
      }
    }
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

    support.compute(counting, new int[] {head, head, head, head, head, head, genesis}, 0, 7, 5);
    assertThat(support.toPairs()).containsExactly(head, 1);
    assertThat(parentCalls[0]).isLessThanOrEqualTo(1);
  }

  @Test
  void rejectsAThresholdBelowOne() {
    tree.add(NONE);
    assertThatThrownBy(() -> placements(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int multiplierAt(int[] pairs, int node) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == node) {
        return pairs[i + 1];
      }
    }
    return 0;
  }
}
