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

  /** Key ids of GROUP's members: 100, 101, ... (another group's would be elsewhere). */
  private static int key(int member) {
    return 100 + member;
  }

  private static int[] keys(int n) {
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = key(i);
    }
    return keys;
  }

  private void register(int n, int m) {
    layer.setKeySet(GROUP, keys(n), m);
    layer.setBalance(GROUP, BALANCE);
  }

  private boolean vote(int member, long epoch, int node) {
    return layer.onKeyVote(key(member), epoch, node);
  }

  /** Member i votes nodes[i], all with target epoch {@code epoch}. */
  private void votes(long epoch, int... nodes) {
    for (int member = 0; member < nodes.length; member++) {
      vote(member, epoch, nodes[member]);
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
    register(7, 5);
    votes(1, a, a, a, a, b, b, b);

    long[] weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[b]).isZero();
    assertThat(weight[tree.parent(a)]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(weight[root]).isEqualTo(BALANCE);
  }

  @Test
  void groupWithTheThresholdOnOneForkSupportsThatForkOnly() {
    register(7, 5);
    votes(1, a, a, a, a, a, b, b);

    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isZero();
    assertThat(weight[tree.parent(b)]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
  }

  @Test
  void movingOneMemberAcrossTheThresholdMovesTheWholeGroupWeight() {
    register(7, 5);
    votes(1, a, a, a, a, b, b, b);
    settle();

    vote(4, 2, a); // the fifth member joins fork a
    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(a);
  }

  @Test
  void clearingAKeySetTakesTheWeightAwayAndReleasesTheKeysWithTheirMessages() {
    register(3, 2);
    votes(1, a, a, b);
    assertThat(settle()[a]).isEqualTo(BALANCE);
    // the same key in another group's key set is refused while GROUP holds it
    assertThatThrownBy(() -> layer.setKeySet(7, new int[] {key(0), key(1)}, 2))
        .isInstanceOf(IllegalArgumentException.class);

    layer.clearKeySet(GROUP);
    long[] weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[root]).isZero();
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(NONE);
    // the keys are free: validator 7 takes two of them, and their messages count for it at once
    layer.setKeySet(7, new int[] {key(0), key(1)}, 2);
    layer.setBalance(7, 32_000_000_000L);
    assertThat(settle()[a]).isEqualTo(32_000_000_000L);
    // GROUP becomes a group again with other keys
    layer.setKeySet(GROUP, new int[] {key(2), key(5)}, 1);
    assertThat(settle()[b]).isEqualTo(BALANCE);
  }

  @Test
  void memberEquivocationRemovesOnlyThatMembersVote() {
    register(7, 5);
    votes(1, a, a, a, a, a, a, b);
    assertThat(settle()[a]).isEqualTo(BALANCE);

    layer.onKeyEquivocation(key(0)); // 5 votes left on a: still the threshold
    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);

    layer.onKeyEquivocation(key(1)); // 4 left on a: down to the common ancestor
    weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(layer.isEquivocating(key(1))).isTrue();
    assertThat(layer.isEquivocating(key(2))).isFalse();
  }

  @Test
  void supportsANodeExactlyWhereItsAppliedWeightCounts() {
    register(7, 5);
    votes(1, a, a, a, a, a, a, b);
    long[] weight = settle();
    for (int node = 0; node < tree.size(); node++) {
      assertThat(layer.supports(GROUP, node)).as("node " + node).isEqualTo(weight[node] == BALANCE);
    }
    assertThat(layer.supports(GROUP, a)).isTrue();
    assertThat(layer.supports(GROUP, b)).isFalse();

    layer.onKeyEquivocation(key(0)); // still 5 members on a
    settle();
    assertThat(layer.supports(GROUP, a)).as("the other members still carry the group to a").isTrue();
    layer.onKeyEquivocation(key(1));
    settle();
    assertThat(layer.supports(GROUP, a)).isFalse();
    assertThat(layer.supports(GROUP, fork)).isTrue();
    assertThat(layer.supports(GROUP + 1, fork)).as("not a group").isFalse();
  }

  @Test
  void ignoresMessagesOfAnEquivocatingMemberFromThenOn() {
    register(3, 2);
    votes(1, a, b, NONE);
    layer.onKeyEquivocation(key(1));

    assertThat(vote(1, 5, a)).isFalse();
    assertThat(settle()[a]).isZero();
    assertThat(layer.countedVote(key(1))).isEqualTo(NONE);
  }

  @Test
  void lowThresholdGroupSplitOverTwoForksCountsOnceWhereTheyMeet() {
    register(4, 2);
    votes(1, a, a, b, b);

    long[] weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[b]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(weight[root]).isEqualTo(BALANCE);

    // one member moves over: now only a has m, and the group counts there
    vote(3, 2, a);
    weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isZero();
  }

  @Test
  void takesALatestMessageOnlyWhenItsTargetEpochIsGreater() {
    register(1, 1);

    assertThat(vote(0, 3, a)).isTrue();
    assertThat(vote(0, 3, b)).isFalse();
    assertThat(vote(0, 2, b)).isFalse();
    assertThat(layer.countedVote(key(0))).isEqualTo(a);
    // A newer message for the same block moves the epoch, not the weight.
    assertThat(vote(0, 4, a)).isFalse();
    assertThat(layer.latestEpoch(key(0))).isEqualTo(4);
    assertThat(vote(0, 5, b)).isTrue();
  }

  @Test
  void balanceChangeEmitsOnlyTheDifferenceAtThePlacedNode() {
    register(3, 2);
    votes(1, a, a, b);
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
    register(3, 2);
    votes(1, a, a, b);
    settle();

    layer.setBalance(GROUP, 0);
    assertThat(settle()).containsOnly(0L);
  }

  @Test
  void aNewBlockWithoutVotesChangesNoGroup() {
    register(3, 2);
    votes(1, a, a, b);
    settle();

    int child = tree.add(a);
    assertThat(layer.pendingGroups()).isZero();
    long[] weight = settle();
    assertThat(weight[child]).isZero();
    assertThat(weight[a]).isEqualTo(BALANCE);

    votes(2, child, child); // two members move onto it: now it carries the group
    assertThat(settle()[child]).isEqualTo(BALANCE);
  }

  @Test
  void recomputesAGroupOnceHoweverManyOfItsMembersVoted() {
    register(7, 5);
    layer.setKeySet(GROUP + 1, new int[] {200, 201, 202}, 2);
    settle();
    votes(1, a, a, a, a, a, a, a);

    assertThat(layer.pendingGroups()).isEqualTo(1);
    settle();
    assertThat(layer.pendingGroups()).isZero();
  }

  @Test
  void aRotatedInKeyBringsTheMessagesItSentBeforeJoiningTheJustifiedKeySet() {
    register(3, 2);
    votes(5, a, b, b);
    assertThat(settle()[b]).isEqualTo(BALANCE);

    // Key 150 replaces member 1 in the target state and attests before the justified key set has
    // it: stored, but no group moves yet.
    assertThat(layer.onKeyVote(150, 6, a)).isTrue();
    assertThat(layer.pendingGroups()).isZero();

    // The justified key set now has it: a has 2 votes (members 0 and the new key), b only 1.
    layer.setKeySet(GROUP, new int[] {key(0), 150, key(2)}, 2);
    long[] weight = settle();
    assertThat(weight[a]).isEqualTo(BALANCE);
    assertThat(weight[b]).isZero();

    // The old key no longer speaks for the group, whatever it sends.
    assertThat(vote(1, 7, a)).isTrue();
    assertThat(layer.pendingGroups()).isZero();
  }

  @Test
  void anEquivocatingKeyRotatedOutLeavesItsMarkButNotOnItsSuccessor() {
    register(3, 2);
    votes(5, a, a, b);
    layer.onKeyEquivocation(key(0));
    assertThat(settle()[a]).isZero();

    layer.setKeySet(GROUP, new int[] {151, key(1), key(2)}, 2);
    assertThat(layer.isEquivocating(key(0))).isTrue();
    assertThat(layer.isEquivocating(151)).isFalse();
    assertThat(layer.onKeyVote(151, 6, a)).isTrue();
    assertThat(settle()[a]).isEqualTo(BALANCE);
  }

  @Test
  void keySetOfADifferentSizeKeepsTheKeysMessages() {
    register(3, 2);
    votes(5, a, a, b);
    settle();

    layer.setKeySet(GROUP, new int[] {key(0), key(1), key(2), 152}, 3);
    long[] weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(layer.onKeyVote(152, 6, a)).isTrue();
    assertThat(settle()[a]).isEqualTo(BALANCE);
  }

  @Test
  void thresholdChangeMovesTheGroup() {
    register(4, 3);
    votes(1, a, a, a, b);
    long[] before = settle();
    assertThat(before[a]).isEqualTo(BALANCE);
    assertThat(before[b]).isZero();

    // Raising m to 4 leaves only the common ancestor supported: the vote node moves up to `fork`.
    layer.setKeySet(GROUP, keys(4), 4);
    long[] weight = settle();
    assertThat(weight[a]).isZero();
    assertThat(weight[b]).isZero();
    assertThat(weight[fork]).isEqualTo(BALANCE);
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(fork);
  }

  @Test
  void anUnchangedKeySetLeavesTheGroupAlone() {
    register(4, 3);
    settle();
    layer.setKeySet(GROUP, keys(4), 3);
    assertThat(layer.pendingGroups()).isZero();
  }

  @Test
  void pruningShiftsTheVoteNodeAndDropsItWhenItIsPruned() {
    register(4, 2);
    votes(1, a, a, b, b);
    // a and b are both supported, so the vote node is their deepest common ancestor.
    assertThat(settle()[fork]).isEqualTo(BALANCE);
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(fork);

    // Prune everything before the second block of the chain to `fork`: indices move down by 2.
    tree.prune(2);
    layer.prune(2);
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(fork - 2);

    // Prune past `fork`: a and b lie under separate roots, no block is comparable with both, and the
    // group places no weight; pruning marks the group for recomputation, which finds nothing to add.
    int offset = tree.parent(tree.parent(a - 2)) + 1; // the first node after fork, on a's side
    tree.prune(offset);
    layer.prune(offset);
    assertThat(layer.isPending(GROUP)).isTrue();
    long[] weight = settle();
    assertThat(weight[a - 2 - offset]).isZero();
    assertThat(weight[b - 2 - offset]).isZero();
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(NONE);

    // One member moving to b's side makes b the only supported leaf: the group's weight lands there.
    vote(0, 2, b - 2 - offset);
    weight = settle();
    assertThat(weight[b - 2 - offset]).isEqualTo(BALANCE);
    assertThat(layer.appliedVoteNode(GROUP)).isEqualTo(b - 2 - offset);
  }

  @Test
  void aVoteForAPrunedBlockStopsCountingButKeepsItsEpoch() {
    register(2, 1);
    votes(3, root, a);
    settle();

    tree.prune(1);
    layer.prune(1);
    assertThat(layer.countedVote(key(0))).isEqualTo(NONE);
    assertThat(layer.countedVote(key(1))).isEqualTo(a - 1);
    assertThat(vote(0, 3, b - 1)).isFalse();
  }

  @Test
  void rejectsBadKeySetsBalancesAndNodes() {
    register(3, 2);

    assertThatThrownBy(() -> layer.setBalance(GROUP + 1, BALANCE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.setBalance(GROUP, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vote(0, 1, tree.size())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.onKeyVote(-1, 1, a)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.setKeySet(GROUP, keys(3), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.setKeySet(GROUP, keys(3), 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layer.setKeySet(GROUP, new int[] {1, 2, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class);
    // key(0) is GROUP's: no other validator's key set may hold it, and the failed call registers nothing.
    assertThatThrownBy(() -> layer.setKeySet(7, new int[] {key(0), 5}, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(layer.isGroup(7)).isFalse();
    assertThat(layer.groupCount()).isEqualTo(1);
    assertThatThrownBy(() -> layer.computeDeltas(new long[tree.size() - 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(layer.isGroup(GROUP)).isTrue();
    assertThat(layer.isGroup(GROUP - 1)).isFalse();
  }
}
