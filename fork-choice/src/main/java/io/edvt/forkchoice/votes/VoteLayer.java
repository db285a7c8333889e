package io.edvt.forkchoice.votes;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;

/**
 * The votes of the fork choice, kept apart from the block tree: the store hands every valid
 * attestation and attester slashing to the milestone's vote layer, and before choosing the head
 * asks it how the weight of each node changed since the last time. Fulu has one latest message
 * per validator ({@link FuluVoteTracker}); EDVT keeps one per key and counts a group's weight for
 * a block only when enough of its members vote for it ({@link EdvtVoteLayer}).
 *
 * <p>The layer is given the indexed attestations and the states they were checked against, not
 * validator indices: who an attesting index is depends on the milestone (EDVT's indices are
 * virtual, {@code j * 2**41 + v}, and name a key only through the target state).
 *
 * <p>Nodes are the indices of the {@link BlockTreeView} the layer was made for ({@link Factory});
 * when the store prunes the tree it calls {@link #prune} with the number of nodes dropped from
 * the front.
 */
public interface VoteLayer {

  /** Makes the vote layer of a store over {@code tree}, the store's proto-array. */
  @FunctionalInterface
  interface Factory {
    VoteLayer create(BlockTreeView tree);
  }

  /**
   * {@code update_latest_messages} of {@code on_attestation}: the attesters of {@code indexed}
   * (valid in {@code targetState}, {@code store.checkpoint_states[attestation.data.target]})
   * voted for node {@code blockNode} with the attestation's target epoch. A vote moves only to a
   * later target epoch; equivocating attesters are ignored.
   */
  void onAttestation(IndexedAttestation indexed, BeaconState targetState, int blockNode);

  /**
   * {@code on_attester_slashing} after its checks: whoever signed both attestations (resolved in
   * {@code state}, the justified checkpoint block's state) is equivocating from now on; its weight
   * leaves the tree at the next {@link #computeDeltas}.
   */
  void onAttesterSlashing(IndexedAttestation attestation1, IndexedAttestation attestation2, BeaconState state);

  /**
   * Whether validator {@code validatorIndex}'s vote is held back by an equivocation, as
   * {@code is_head_weak} asks it of the head slot's committees ({@code state} is the head state,
   * {@code epoch} the head slot's).
   */
  boolean isEquivocating(BeaconState state, int validatorIndex, UInt64 epoch);

  /**
   * {@code is_head_weak}'s question for one validator of the head slot's committees: is its weight
   * held back from {@code node} (the head) by an equivocation, so that it must be added back? A
   * validator is counted once: not when its weight already reaches {@code node} through the
   * attestation score (an EDVT group with one equivocating member whose other members still
   * support the head).
   */
  default boolean isHeldBackFrom(BeaconState state, int validatorIndex, UInt64 epoch, int node) {
    return isEquivocating(state, validatorIndex, epoch);
  }

  /**
   * The change of every node's vote weight since the previous call, one entry per node of
   * {@code tree} (whose size may have grown since). Balances come from {@code justified}; when
   * it differs from the previous call's, every vote is re-weighed.
   */
  long[] computeDeltas(BlockTreeView tree, JustifiedState justified);

  /** The tree dropped its first {@code offset} nodes; node {@code i} is now {@code i - offset}. */
  void prune(int offset);
}
