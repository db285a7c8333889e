package io.edvt.forkchoice.protoarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class ProtoArrayTest {

  private static Bytes32 root(int n) {
    return Bytes32.fromHexString(String.format("0x%064x", n));
  }

  /** Adds block {@code n} (root n) at slot {@code slot} under block {@code parent}; both justified epochs 0. */
  private static int add(ProtoArray a, int n, int parent, long slot) {
    return a.add(root(n), root(parent), UInt64.valueOf(slot), UInt64.ZERO, UInt64.ZERO);
  }

  /**
   * <pre>
   *        0
   *       / \
   *      1   2
   *      |   |
   *      3   4
   * </pre>
   */
  private static ProtoArray fork() {
    ProtoArray a = new ProtoArray();
    add(a, 100, 99, 0);
    add(a, 1, 100, 1);
    add(a, 2, 100, 1);
    add(a, 3, 1, 2);
    add(a, 4, 2, 2);
    return a;
  }

  private static long[] deltas(ProtoArray a, long... perNode) {
    long[] d = new long[a.size()];
    System.arraycopy(perNode, 0, d, 0, perNode.length);
    return d;
  }

  @Test
  void parentsComeBeforeChildrenAndAnUnknownParentIsNone() {
    ProtoArray a = fork();
    assertThat(a.size()).isEqualTo(5);
    assertThat(a.parent(0)).isEqualTo(BlockTreeView.NONE);
    assertThat(a.parent(3)).isEqualTo(1);
    assertThat(a.parent(4)).isEqualTo(2);
    assertThat(a.indexOf(root(4))).isEqualTo(4);
    assertThat(a.indexOf(root(77))).isEqualTo(BlockTreeView.NONE);
  }

  @Test
  void deltasAddUpAlongTheAncestors() {
    ProtoArray a = fork();
    a.applyDeltas(deltas(a, 0, 0, 0, 5, 7));
    assertThat(a.weight(3)).isEqualTo(5);
    assertThat(a.weight(1)).isEqualTo(5);
    assertThat(a.weight(4)).isEqualTo(7);
    assertThat(a.weight(2)).isEqualTo(7);
    assertThat(a.weight(0)).isEqualTo(12);

    // a vote moving from 4 to 3
    a.applyDeltas(deltas(a, 0, 0, 0, 7, -7));
    assertThat(a.weight(3)).isEqualTo(12);
    assertThat(a.weight(2)).isZero();
    assertThat(a.weight(0)).isEqualTo(12);
  }

  @Test
  void theHeavierBranchWinsAndTiesGoToTheHigherRoot() {
    ProtoArray a = fork();
    a.updateBestDescendants(i -> true);
    // no weight anywhere: root 2 > root 1, so the branch of 2 wins
    assertThat(a.head(0)).isEqualTo(4);

    a.applyDeltas(deltas(a, 0, 0, 0, 1, 0));
    a.updateBestDescendants(i -> true);
    assertThat(a.bestChild(0)).isEqualTo(1);
    assertThat(a.head(0)).isEqualTo(3);
  }

  @Test
  void onlyLeavesAreTestedAndABranchWithoutAViableLeafIsSkipped() {
    ProtoArray a = fork();
    a.applyDeltas(deltas(a, 0, 0, 0, 10, 1));
    // the heavier branch ends in a leaf that is not viable: the other branch wins
    a.updateBestDescendants(i -> i != 3);
    assertThat(a.head(0)).isEqualTo(4);
    assertThat(a.bestDescendant(1)).isEqualTo(BlockTreeView.NONE);
    // an inner node is never a head by itself, even when it would pass the test
    a.updateBestDescendants(i -> i == 1 || i == 2 || i == 0);
    assertThat(a.bestDescendant(0)).isEqualTo(BlockTreeView.NONE);
    assertThat(a.head(0)).isEqualTo(0);
  }

  @Test
  void theHeadIsLookedForBelowTheStartNodeOnly() {
    ProtoArray a = fork();
    a.applyDeltas(deltas(a, 0, 0, 0, 10, 1));
    a.updateBestDescendants(i -> true);
    assertThat(a.head(2)).isEqualTo(4);
    assertThat(a.head(4)).isEqualTo(4);
  }

  @Test
  void ancestorAtSlotWalksPastLaterBlocksOnly() {
    ProtoArray a = new ProtoArray();
    add(a, 100, 99, 0);
    add(a, 1, 100, 3);
    add(a, 2, 1, 9);
    assertThat(a.ancestorAtSlot(2, UInt64.valueOf(8))).isEqualTo(1);
    assertThat(a.ancestorAtSlot(2, UInt64.valueOf(9))).isEqualTo(2);
    assertThat(a.ancestorAtSlot(2, UInt64.valueOf(2))).isEqualTo(0);
    assertThat(a.isAncestorOrSelf(1, 2)).isTrue();
    assertThat(a.isAncestorOrSelf(2, 1)).isFalse();
  }

  @Test
  void pruningShiftsIndicesAndKeepsWeights() {
    ProtoArray a = fork();
    a.applyDeltas(deltas(a, 0, 0, 0, 5, 7));
    // keep from node 2 (the finalized block): nodes 0 and 1 go, 3 stays without its parent
    assertThat(a.prune(2)).containsExactly(root(100), root(1));
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.indexOf(root(2))).isZero();
    assertThat(a.indexOf(root(4))).isEqualTo(2);
    assertThat(a.indexOf(root(1))).isEqualTo(BlockTreeView.NONE);
    assertThat(a.parent(2)).isZero();
    assertThat(a.parent(1)).isEqualTo(BlockTreeView.NONE);
    assertThat(a.weight(0)).isEqualTo(7);
    assertThat(a.weight(1)).isEqualTo(5);
    a.updateBestDescendants(i -> true);
    assertThat(a.head(0)).isEqualTo(2);

    // new blocks go after the kept ones
    int n = add(a, 5, 4, 3);
    assertThat(n).isEqualTo(3);
    assertThat(a.parent(n)).isEqualTo(2);
  }

  @Test
  void refusesDeltasOfTheWrongLengthAndNegativeWeights() {
    ProtoArray a = fork();
    assertThatThrownBy(() -> a.applyDeltas(new long[3])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.applyDeltas(deltas(a, 0, 0, 0, -1, 0))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> add(a, 4, 2, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
