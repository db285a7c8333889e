package io.edvt.forkchoice.votes;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * The votes of the fork choice, kept apart from the block tree: the store hands every valid
 * attestation and equivocation to the milestone's vote layer, and before choosing the head asks
 * it how the weight of each node changed since the last time. Fulu has one latest message per
 * validator ({@link FuluVoteTracker}); EDVT counts a group's weight for a block only when enough
 * of its members vote for it, and implements this same interface.
 *
 * <p>Nodes are the indices of the {@link BlockTreeView} the store passes in; when the store
 * prunes the tree it calls {@link #prune} with the number of nodes dropped from the front.
 */
public interface VoteLayer {

  /**
   * {@code update_latest_messages}: the validators {@code attestingIndices} (from a valid
   * attestation, from a block or the wire) voted for node {@code blockNode} with target epoch
   * {@code targetEpoch}. A validator's vote moves only to a later target epoch; equivocating
   * validators are ignored.
   */
  void recordAttestation(int[] attestingIndices, UInt64 targetEpoch, int blockNode);

  /**
   * {@code on_attester_slashing}: {@code validatorIndex} is in {@code store.equivocating_indices}
   * from now on; its weight leaves the tree at the next {@link #computeDeltas}.
   */
  void recordEquivocation(int validatorIndex);

  /**
   * The change of every node's vote weight since the previous call, one entry per node of
   * {@code tree} (whose size may have grown since). Balances come from {@code justified}; when
   * it differs from the previous call's, every vote is re-weighed.
   */
  long[] computeDeltas(BlockTreeView tree, JustifiedState justified);

  /** The tree dropped its first {@code offset} nodes; node {@code i} is now {@code i - offset}. */
  void prune(int offset);
}
