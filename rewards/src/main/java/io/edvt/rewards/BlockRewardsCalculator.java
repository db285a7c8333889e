package io.edvt.rewards;

import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * The rewards one block paid: to its proposer ({@link BlockRewardsReport}) and to the sync
 * committee ({@link SyncCommitteeRewardsReport}), for a block of any milestone.
 *
 * <p><b>Which state to pass.</b> The pre-state of the block: the post-state of its parent block
 * (at the parent's slot or advanced through empty slots up to the block's slot), the same state
 * {@code state_transition} would apply the block to.
 *
 * <p><b>How.</b> The pre-state is advanced to the block's slot (crossing epoch and fork boundaries
 * through the real {@code process_slots}, {@link MultiForkStateTransition}) and the block is run
 * through its milestone's own {@code process_block} with a {@link BlockRewardsTracker} watching
 * the proposer's balance around the steps that pay it. The block is taken to be valid (it is on
 * the chain): signatures are not checked and the execution payload is accepted; an invalid block
 * still fails with {@link io.edvt.spec.logic.common.StateTransitionException}. The caller's state
 * is not modified.
 */
public final class BlockRewardsCalculator {
  /** The two reports of one block. */
  public record BlockRewards(BlockRewardsReport block, SyncCommitteeRewardsReport syncCommittee) {}

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;

  public BlockRewardsCalculator(SpecVersions versions) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
  }

  /**
   * The rewards {@code block} paid when applied to {@code preState}.
   *
   * @throws IllegalArgumentException if {@code preState} is past the block's slot
   */
  public BlockRewards compute(BeaconState preState, BeaconBlock block) {
    BeaconState atSlot = atBlockSlot(transition, preState, block);
    SpecFulu spec = versions.forState(atSlot);
    MutableBeaconState working = new MutableBeaconState(atSlot);
    BlockRewardsTracker tracker = new BlockRewardsTracker(spec, block.body().syncAggregate());
    spec.blockProcessor().processBlock(working, block, SignatureVerifier.NONE, ExecutionEngine.always(true), tracker);
    return new BlockRewards(tracker.blockRewards(block.proposerIndex()), tracker.syncCommitteeRewards());
  }

  /**
   * {@code preState} advanced through empty slots to the block's slot (itself if it is there).
   *
   * @throws IllegalArgumentException if {@code preState} is past the block's slot
   */
  static BeaconState atBlockSlot(MultiForkStateTransition transition, BeaconState preState, BeaconBlock block) {
    if (preState.slot().isGreaterThan(block.slot())) {
      throw new IllegalArgumentException("the pre-state of a block is at or before its slot " + block.slot()
          + ", not at slot " + preState.slot());
    }
    return preState.slot().isLessThan(block.slot())
        ? transition.processSlots(preState, block.slot(), SignatureVerifier.NONE)
        : preState;
  }

  /** The proposer's rewards of {@code block} ({@code /eth/v1/beacon/rewards/blocks/{block_id}}). */
  public BlockRewardsReport blockRewards(BeaconState preState, BeaconBlock block) {
    return compute(preState, block).block();
  }

  /** The sync committee's rewards of {@code block} ({@code /eth/v1/beacon/rewards/sync_committee/{block_id}}). */
  public SyncCommitteeRewardsReport syncCommitteeRewards(BeaconState preState, BeaconBlock block) {
    return compute(preState, block).syncCommittee();
  }
}
