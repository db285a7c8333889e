package io.edvt.forkchoice.threshold;

import static io.edvt.forkchoice.tree.BlockTreeView.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupVoteLayerTest {

  private static final long BALANCE = 7 * 32_000_000_000L;
  private static final int GROUP = 42;

  private final ArrayTree tree = new ArrayTree();
  private final GroupVoteLayer layer = new GroupVoteLayer(tree);

  private int root;
  private int fork;
  private int a;
  private int b;

  /** root - 2 blocks - fork, then fork - 2 blocks - a and fork - 3 blocks - b. */
  @BeforeEach
  void buildTwoForks() {
    root = tree.add(NONE);
    fork = tree.chain(root, 2);
    a = tree.chain(fork, 2);
    b = tree.chain(fork, 3);
  }

  private void vote(int validator, int member, long epoch, int node) {
    layer.onMemberVote(validator, member, epoch, node);
  }

  private void votes(int validator, long epoch, int... nodes) {
    for (int member = 0; member < nodes.length; member++) {
      vote(validator, member, epoch, nodes[member]);
    }
  }

  /** Applies the pending deltas to the tree and returns every node's weight. */
  private long[] settle() {
    long[] deltas = new long[tree.size()];
    layer.computeDeltas(deltas);
    tree.apply(deltas);
    return tree.subtreeWeights();
  }

  @Test
  void groupSplitBelowTheThresholdOnBothForksSupportsOnlyTheCommonAncestor() {
    layer.registerGroup(GROUP, 7, 5, BALANCE);
    votes(GROUP, 1, a, a, a, a, b, b, b);

    long[] weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[b]).isZero();
    assertThat(weight[tree.parent(a)]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(weight[root]).isEqualTo(BALANCE);
  }

  @Test
  void groupWithTheThresholdOnOneForkSupportsThatForkOnly() {
    layer.registerGroup(GROUP, 7, 5, BALANCE);
    votes(GROUP, 1, a, a, a, a, a, b, b);

    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isZero();
    assertThat(weight[tree.parent(b)]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
  }

  @Test
  void movingOneMemberAcrossTheThresholdMovesTheWholeGroupWeight() {
    layer.registerGroup(GROUP, 7, 5, BALANCE);
    votes(GROUP, 1, a, a, a, a, b, b, b);
    settle();

    vote(GROUP, 4, 2, a); // the fifth member joins fork a
    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(layer.appliedPlacements(GROUP)).containsExactly(a, 1);
  }

  @Test
  void memberEquivocationRemovesOnlyThatMembersVote() {
    layer.registerGroup(GROUP, 7, 5, BALANCE);
    votes(GROUP, 1, a, a, a, a, a, a, b);
    assertThat(settle()[a]).isEqualTo(BALANCE);

    layer.onMemberEquivocation(GROUP, 0); // 5 votes left on a: still the threshold
    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);

    layer.onMemberEquivocation(GROUP, 1); // 4 left on a: down to the common ancestor
    weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(layer.isEquivocating(GROUP, 1)).isTrue();
    assertThat(layer.isEquivocating(GROUP, 2)).isFalse();
  }

  @Test
  void ignoresMessagesOfAnEquivocatingMemberFromThenOn() {
    layer.registerGroup(GROUP, 3, 2, BALANCE);
    votes(GROUP, 1, a, b, NONE);
    layer.onMemberEquivocation(GROUP, 1);

    assertThat(layer.onMemberVote(GROUP, 1, 5, a)).isFalse();
    assertThat(settle()[a]).isZero();
    assertThat(layer.countedVote(GROUP, 1)).isEqualTo(NONE);
  }

  @Test
  void lowThresholdGroupCountsOnBothForksAndOnceOnTheirAncestors() {
    layer.registerGroup(GROUP, 4, 2, BALANCE);
    votes(GROUP, 1, a, a, b, b);

    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isEqualTo(BALANCE);
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(weight[root]).isEqualTo(BALANCE);
  }

  @Test
  void takesALatestMessageOnlyWhenItsTargetEpochIsGreater() {
    layer.registerGroup(GROUP, 1, 1, BALANCE);

    assertThat(layer.onMemberVote(GROUP, 0, 3, a)).isTrue();
    assertThat(layer.onMemberVote(GROUP, 0, 3, b)).isFalse();
    assertThat(layer.onMemberVote(GROUP, 0, 2, b)).isFalse();
    assertThat(layer.countedVote(GROUP, 0)).isEqualTo(a);
    // A newer message for the same block moves the epoch, not the weight.
    assertThat(layer.onMemberVote(GROUP, 0, 4, a)).isFalse();
    assertThat(layer.latestEpoch(GROUP, 0)).isEqualTo(4);
    assertThat(layer.onMemberVote(GROUP, 0, 5, b)).isTrue();
  }

  @Test
  void balanceChangeEmitsOnlyTheDifferenceAtThePlacedNode() {
    layer.registerGroup(GROUP, 3, 2, BALANCE);
    votes(GROUP, 1, a, a, b);
    settle();

    layer.setBalance(GROUP, BALANCE - 1_000_000_000L);
    long[] deltas = new long[tree.size()];
    layer.computeDeltas(deltas);
    long[] expected = new long[tree.size()];
    expected[a] = -1_000_000_000L;
    assertThat(deltas).containsExactly(expected);
  }

  @Test
  void zeroBalanceTakesAnInactiveOrSlashedGroupOutOfTheWeights() {
    layer.registerGroup(GROUP, 3, 2, BALANCE);
    votes(GROUP, 1, a, a, b);
    settle();

    layer.setBalance(GROUP, 0);
    assertThat(settle()).containsOnly(0L);
  }

  @Test
  void aNewBlockWithoutVotesChangesNoGroup() {
    layer.registerGroup(GROUP, 3, 2, BALANCE);
    votes(GROUP, 1, a, a, b);
    settle();

    int child = tree.add(a);
    assertThat(layer.pendingGroups()).isZero();
    long[] weight = settle();
    assertThat(weight[child]).isZero();
    assertThat(weight[a]).isEqualTo(BALANCE);

    votes(GROUP, 2, child, child); // two members move onto it: now it carries the group
    assertThat(settle()[child]).isEqualTo(BALANCE);
  }

  @Test
  void recomputesAGroupOnceHoweverManyOfItsMembersVoted() {
    layer.registerGroup(GROUP, 7, 5, BALANCE);
    layer.registerGroup(GROUP + 1, 7, 5, BALANCE);
    votes(GROUP, 1, a, a, a, a, a, a, a);

    assertThat(layer.pendingGroups()).isEqualTo(1);
    settle();
    assertThat(layer.pendingGroups()).isZero();
  }

  @Test
  void aReplacedMemberKeyStartsWithoutAVote() {
    layer.registerGroup(GROUP, 3, 2, BALANCE);
    votes(GROUP, 5, a, a, b);
    layer.onMemberEquivocation(GROUP, 2);
    settle();

    layer.replaceMember(GROUP, 0); // a at 1 vote: the group falls back to fork
    assertThat(layer.latestEpoch(GROUP, 0)).isEqualTo(-1);
    assertThat(settle()[a]).isZero();

    layer.replaceMember(GROUP, 2); // the new key is not the equivocating one
    assertThat(layer.isEquivocating(GROUP, 2)).isFalse();
    assertThat(layer.onMemberVote(GROUP, 2, 1, a)).isTrue();
    assertThat(settle()[a]).isEqualTo(BALANCE);
  }

  @Test
  void thresholdChangeMovesTheGroup() {
    layer.registerGroup(GROUP, 4, 3, BALANCE);
    votes(GROUP, 1, a, a, b, b);
    assertThat(settle()[fork]).isEqualTo(BALANCE);

    layer.setThreshold(GROUP, 2);
    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isEqualTo(BALANCE);
    assertThat(weight[fork]).isEqualTo(BALANCE);
  }

  @Test
  void pruningDropsPlacementsAtPrunedNodesAndShiftsTheRest() {
    layer.registerGroup(GROUP, 4, 2, BALANCE);
    votes(GROUP, 1, a, a, b, b);
    settle();

    // Prune everything up to (not including) the second block of the chain to `fork`: the -1 at
    // `fork` stays, indices move down by 2.
    tree.prune(2);
    layer.prune(2);
    assertThat(layer.appliedPlacements(GROUP)).containsExactlyInAnyOrder(a - 2, 1, b - 2, 1, fork - 2, -1);

    // Prune past `fork`: a and b become separate roots' subtrees; the -1 is dropped, no delta.
    int offset = tree.parent(tree.parent(a - 2)) + 1; // the first node after fork, on a's side
    tree.prune(offset);
    layer.prune(offset);
    int newA = a - 2 - offset;
    int newB = b - 2 - offset;
    assertThat(layer.appliedPlacements(GROUP)).containsExactlyInAnyOrder(newA, 1, newB, 1);
    long[] weight = settle();
    assertThat(weight[newA]).isEqualTo(BALANCE);
    assertThat(weight[newB]).isEqualTo(BALANCE);

    // A recomputation after pruning changes nothing, as the placements were already exact.
    layer.setThreshold(GROUP, 1);
    layer.setThreshold(GROUP, 2);
    long[] deltas = new long[tree.size()];
    layer.computeDeltas(deltas);
    assertThat(deltas).containsOnly(0L);
  }

  @Test
  void aVoteForAPrunedBlockStopsCountingButKeepsItsEpoch() {
    layer.registerGroup(GROUP, 2, 1, BALANCE);
    votes(GROUP, 3, root, a);
    settle();

    tree.prune(1);
    layer.prune(1);
    assertThat(layer.countedVote(GROUP, 0)).isEqualTo(NONE);
    assertThat(layer.countedVote(GROUP, 1)).isEqualTo(a - 1);
    assertThat(layer.onMemberVote(GROUP, 0, 3, b - 1)).isFalse();
  }

  @Test
  void rejectsUnknownGroupsMembersAndNodes() {
    layer.registerGroup(GROUP, 3, 2, BALANCE);

    assertThatThrownBy(() -> vote(GROUP + 1, 0, 1, a)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vote(GROUP, 3, 1, a)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vote(GROUP, 0, 1, tree.size())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.registerGroup(GROUP, 3, 2, BALANCE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.registerGroup(7, 3, 4, BALANCE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.setThreshold(GROUP, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.computeDeltas(new long[tree.size() - 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(layer.isGroup(GROUP)).isTrue();
    assertThat(layer.isGroup(GROUP - 1)).isFalse();
  }
}
