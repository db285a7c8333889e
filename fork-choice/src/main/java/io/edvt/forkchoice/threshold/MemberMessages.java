package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * The latest messages of group members, one slot per member key, in flat arrays (a group's
 * members are a contiguous range of slots). A slot holds the target epoch and the tree node of the
 * key's latest message, and whether the key has equivocated.
 *
 * <p>The update rule is Fulu's {@code update_latest_messages}, applied per key as EDVT's fork
 * choice does: a message replaces the latest one only if its target epoch is greater, and an
 * equivocating key's messages are ignored from then on. The vote that counts for the group is the
 * node of the latest message, or {@link BlockTreeView#NONE} if there is none, the key has
 * equivocated, or the block is not (or no longer) in the tree; {@link #votes()} is that array, read
 * directly by the group computation.
 */
final class MemberMessages {

  /** The epoch of a slot with no latest message; every real target epoch is greater. */
  static final long NO_MESSAGE = -1;

  private long[] epoch = new long[0];
  private boolean[] equivocated = new boolean[0];
  // The node of the latest message, or NONE if it does not count (see the class comment).
  private int[] vote = new int[0];
  private int used;

  /** Reserves {@code count} fresh slots (no message) and returns the first. */
  int allocate(int count) {
    int first = used;
    if (used + count > epoch.length) {
      int capacity = Math.max(used + count, epoch.length * 3 / 2 + 16);
      epoch = Arrays.copyOf(epoch, capacity);
      equivocated = Arrays.copyOf(equivocated, capacity);
      vote = Arrays.copyOf(vote, capacity);
    }
    used += count;
    for (int s = first; s < used; s++) {
      reset(s);
    }
    return first;
  }

  /** Forgets slot {@code s}: a new key takes over that member position and starts afresh. */
  void reset(int s) {
    epoch[s] = NO_MESSAGE;
    equivocated[s] = false;
    vote[s] = BlockTreeView.NONE;
  }

  /**
   * Applies a message with {@code targetEpoch} for tree node {@code messageNode} ({@code NONE} if
   * its block is not in the tree).
   *
   * @return whether the slot's vote changed (a newer message for the same node changes only the
   *     epoch, which cannot move the group's weight)
   */
  boolean update(int s, long targetEpoch, int messageNode) {
    if (equivocated[s] || targetEpoch <= epoch[s]) {
      return false;
    }
    epoch[s] = targetEpoch;
    if (vote[s] == messageNode) {
      return false;
    }
    vote[s] = messageNode;
    return true;
  }

  /**
   * Marks slot {@code s}'s key as equivocating, which discards its vote for good.
   *
   * @return whether the slot's vote changed
   */
  boolean markEquivocating(int s) {
    if (equivocated[s]) {
      return false;
    }
    equivocated[s] = true;
    boolean hadVote = vote[s] != BlockTreeView.NONE;
    vote[s] = BlockTreeView.NONE;
    return hadVote;
  }

  /**
   * Follows the tree's pruning of its first {@code offset} nodes: messages for pruned blocks no
   * longer count (their epochs stay, so older messages still cannot replace them), the others move
   * down by {@code offset}.
   */
  void prune(int offset) {
    for (int s = 0; s < used; s++) {
      vote[s] = shift(vote[s], offset);
    }
  }

  static int shift(int n, int offset) {
    return n == BlockTreeView.NONE || n < offset ? BlockTreeView.NONE : n - offset;
  }

  /** The counting vote of each slot (see the class comment); read-only for callers. */
  int[] votes() {
    return vote;
  }

  long epoch(int s) {
    return epoch[s];
  }

  boolean isEquivocating(int s) {
    return equivocated[s];
  }
}
