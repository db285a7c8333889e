package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupThreshold;
import io.edvt.groups.SyncSeatBlocks;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Fulu's {@code process_sync_aggregate} with EDVT's rewards: one block of seats at a time (a
 * validator's draw, {@code n} seats for {@code n} members, fewer when truncated at the end of the
 * committee), by the group rule {@link SyncSeatBlocks} ({@code ceil(m * s / n)} set bits of a
 * block of {@code s} seats earn {@code s} rewards, otherwise {@code s} penalties). Signature
 * verification is Fulu's: the committee holds member keys.
 */
public class SyncAggregateProcessingEdvt extends SyncAggregateProcessingFulu {
  private final GroupRegistryEdvt registry;
  private final SyncCommitteeEdvt syncCommittee;

  public SyncAggregateProcessingEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.registry = helpers.registry();
    this.syncCommittee = new SyncCommitteeEdvt(helpers);
  }

  /** The validator of each seat (the validator part of the seat's virtual index). */
  @Override
  public int[] committeeIndices(MutableBeaconState state) {
    long[] seats = syncCommittee.getCurrentSyncCommitteeIndices(state);
    int[] out = new int[seats.length];
    for (int i = 0; i < seats.length; i++) {
      out[i] = (int) VirtualIndex.validatorIndexOf(seats[i]);
    }
    return out;
  }

  @Override
  protected void applyRewards(MutableBeaconState state, SszBits committeeBits, SyncAggregateRewards rewards) {
    UInt64 participantReward = rewards.participantReward();
    UInt64 proposerReward = rewards.proposerReward();
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    for (SyncSeatBlocks.Block block : seatBlocks(state, committeeBits)) {
      int participantIndex = (int) block.validatorIndex();
      if (block.earned()) {
        mutators.increaseBalance(state, participantIndex, participantReward.times(block.size()));
        mutators.increaseBalance(state, proposerIndex, proposerReward.times(block.size()));
      } else {
        mutators.decreaseBalance(state, participantIndex, participantReward.times(block.size()));
      }
    }
  }

  /** Every seat of an earned block pays the proposer. */
  @Override
  public long proposerRewardedSeats(MutableBeaconState state, SszBits committeeBits) {
    long seats = 0;
    for (SyncSeatBlocks.Block block : seatBlocks(state, committeeBits)) {
      seats += block.earned() ? block.size() : 0;
    }
    return seats;
  }

  /** The current committee's seat blocks ({@link SyncSeatBlocks#of}) with the key sets in force. */
  private List<SyncSeatBlocks.Block> seatBlocks(MutableBeaconState state, SszBits committeeBits) {
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    long[] committeeIndices = syncCommittee.getCurrentSyncCommitteeIndices(state);
    long[] seatValidators = new long[committeeIndices.length];
    for (int i = 0; i < seatValidators.length; i++) {
      seatValidators[i] = VirtualIndex.validatorIndexOf(committeeIndices[i]);
    }
    return SyncSeatBlocks.of(seatValidators, validator -> groupThreshold(state, (int) validator, currentEpoch),
        committeeBits::get);
  }

  /** The threshold and size of the validator's key set in force ({@link GroupThreshold#PLAIN} without a group). */
  private GroupThreshold groupThreshold(MutableBeaconState state, int validatorIndex, UInt64 epoch) {
    if (registry.getGroupIndex(state, validatorIndex).isEmpty()) {
      return GroupThreshold.PLAIN; // the plain key set: one key, threshold 1
    }
    GroupKeySet<Bytes48> keySet = registry.getValidatorKeySet(state, validatorIndex, epoch).orElseThrow(() ->
        new StateTransitionException("assertion failed: validator " + validatorIndex + " has a key set in force"));
    return new GroupThreshold(keySet.threshold(), keySet.size());
  }
}
