package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * The latest messages of group member keys, by key id, in flat arrays: the target epoch and tree
 * node of each key's latest message, and whether the key has equivocated. EDVT's store keeps these
 * per key ({@code latest_messages: Dict[BLSPubkey, LatestMessage]}, {@code equivocating_pubkeys}),
 * not per member position, so a key that has rotated into a group brings its messages with it and
 * one that has rotated out leaves its mark behind.
 *
 * <p>The update rule is {@code update_latest_messages}: a message replaces the latest one only if
 * its target epoch is greater, and an equivocating key's messages are ignored from then on. The
 * vote that counts is the node of the latest message, or {@link BlockTreeView#NONE} if there is
 * none, the key has equivocated, or the block is not (or no longer) in the tree; {@link #votes()}
 * is that array, read directly by the group computation.
 */
final class KeyMessages {

  /** The epoch of a key with no latest message; every real target epoch is greater. */
  static final long NO_MESSAGE = -1;

  private long[] epoch = new long[0];
  private boolean[] equivocated = new boolean[0];
  private int[] vote = new int[0];
  // Keys 0 .. known-1 have slots (the ones never seen have no message).
  private int known;

  /** Makes room for key ids up to {@code key}; new keys have no message. */
  void ensureKey(int key) {
    if (key < known) {
      return;
    }
    if (key >= epoch.length) {
      int capacity = Math.max(key + 1, epoch.length * 3 / 2 + 16);
      epoch = Arrays.copyOf(epoch, capacity);
      equivocated = Arrays.copyOf(equivocated, capacity);
      vote = Arrays.copyOf(vote, capacity);
    }
    Arrays.fill(epoch, known, key + 1, NO_MESSAGE);
    Arrays.fill(vote, known, key + 1, BlockTreeView.NONE);
    known = key + 1;
  }

  /**
   * Applies a message from {@code key} with {@code targetEpoch} for tree node {@code messageNode}
   * ({@code NONE} if its block is not in the tree).
   *
   * @return whether the key's counting vote changed (a newer message for the same node changes
   *     only the epoch, which cannot move any weight)
   */
  boolean update(int key, long targetEpoch, int messageNode) {
    ensureKey(key);
    if (equivocated[key] || targetEpoch <= epoch[key]) {
      return false;
    }
    epoch[key] = targetEpoch;
    if (vote[key] == messageNode) {
      return false;
    }
    vote[key] = messageNode;
    return true;
  }

  /**
   * Marks {@code key} as equivocating, which discards its vote for good.
   *
   * @return whether the key's counting vote changed
   */
  boolean markEquivocating(int key) {
    ensureKey(key);
    if (equivocated[key]) {
      return false;
    }
    equivocated[key] = true;
    boolean hadVote = vote[key] != BlockTreeView.NONE;
    vote[key] = BlockTreeView.NONE;
    return hadVote;
  }

  /**
   * Follows the tree's pruning of its first {@code offset} nodes: messages for pruned blocks no
   * longer count (their epochs stay, so older messages still cannot replace them), the others move
   * down by {@code offset}.
   */
  void prune(int offset) {
    for (int key = 0; key < known; key++) {
      int n = vote[key];
      vote[key] = n == BlockTreeView.NONE || n < offset ? BlockTreeView.NONE : n - offset;
    }
  }

  /** The counting vote of every key id below {@link #known()} (see the class comment). */
  int[] votes() {
    return vote;
  }

  /** Key ids below this have a slot; others have no message yet. */
  int known() {
    return known;
  }

  long epoch(int key) {
    return key < known ? epoch[key] : NO_MESSAGE;
  }

  boolean isEquivocating(int key) {
    return key < known && equivocated[key];
  }

  int vote(int key) {
    return key < known ? vote[key] : BlockTreeView.NONE;
  }
}
