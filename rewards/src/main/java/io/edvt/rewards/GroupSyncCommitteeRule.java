package io.edvt.rewards;

import io.edvt.groups.GroupThreshold;
import io.edvt.groups.SyncSeatBlocks;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The sync committee rewards of one block under EDVT's seat-block rule ({@link SyncSeatBlocks},
 * the rule the state transition applies): each block of {@code s} seats earns {@code s}
 * participant rewards, and the proposer {@code s} proposer rewards, when it reaches its
 * threshold; otherwise the validator is charged {@code s} participant rewards.
 *
 * <p>Pure functions on plain inputs (seat layout, thresholds, bits, the two reward amounts of
 * {@code process_sync_aggregate}); no balances are read, so {@code decrease_balance}'s floor at
 * zero is not applied.
 */
public final class GroupSyncCommitteeRule {
  private GroupSyncCommitteeRule() {}

  /**
   * The rewards of one block's sync aggregate under the seat-block rule.
   *
   * @param seatValidators the validator index of every seat, in committee order (a group's block
   *     repeats its validator index once per member)
   * @param groups the threshold and size of each validator's key set ({@link GroupThreshold#PLAIN}
   *     for one without a group)
   * @param bits the aggregate's participation bits, one per seat
   * @param participantReward the reward of one seat ({@code participant_reward})
   * @param proposerReward the proposer's reward per earned seat ({@code proposer_reward})
   * @throws IllegalArgumentException if {@code bits} and the seats differ in length, or a block's
   *     seats do not all hold the validator of its first seat
   */
  public static GroupSyncCommitteeOutcome apply(int[] seatValidators, IntFunction<GroupThreshold> groups, boolean[] bits,
      UInt64 participantReward, UInt64 proposerReward) {
    if (bits.length != seatValidators.length) {
      throw new IllegalArgumentException(bits.length + " participation bits for " + seatValidators.length + " seats");
    }
    long[] seats = new long[seatValidators.length];
    for (int i = 0; i < seats.length; i++) {
      seats[i] = seatValidators[i];
    }
    List<SeatBlockOutcome> blocks = new ArrayList<>();
    Map<Integer, Long> rewards = new LinkedHashMap<>();
    UInt64 proposerTotal = UInt64.ZERO;
    for (SyncSeatBlocks.Block block : SyncSeatBlocks.of(seats, v -> groups.apply((int) v), i -> bits[i])) {
      int validator = (int) block.validatorIndex();
      for (int i = block.firstSeat(); i < block.firstSeat() + block.size(); i++) {
        if (seatValidators[i] != validator) {
          throw new IllegalArgumentException("seat " + i + " holds validator " + seatValidators[i]
              + " inside the block of validator " + validator + " that starts at seat " + block.firstSeat());
        }
      }
      UInt64 amount = participantReward.times(block.size());
      long reward = block.earned() ? amount.longValueExact() : -amount.longValueExact();
      if (block.earned()) {
        proposerTotal = proposerTotal.plus(proposerReward.times(block.size()));
      }
      blocks.add(new SeatBlockOutcome(UInt64.valueOf(validator), block.firstSeat(), block.size(), block.threshold(),
          block.setBits(), block.earned(), reward));
      rewards.merge(validator, reward, Math::addExact);
    }
    List<SyncCommitteeReward> perValidator = new ArrayList<>(rewards.size());
    rewards.forEach((validator, reward) -> perValidator.add(new SyncCommitteeReward(UInt64.valueOf(validator), reward)));
    return new GroupSyncCommitteeOutcome(blocks, perValidator, proposerTotal);
  }
}
