package io.edvt.rewards;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The EDVT sync committee reward rule ("{@code m} of the group's members or nothing", protocol
 * decision 5), as the EDVT spec draft's modified {@code process_sync_aggregate} states it: a
 * validator drawn into the committee fills a block of {@code n} consecutive seats with its
 * members, member 0 first (fewer seats if the committee ends first). A block of {@code s} seats
 * earns {@code s} participant rewards, and the proposer {@code s} proposer rewards, when at least
 * {@code ceil(m * s / n)} of its bits are set ({@code m} for a full block); otherwise the
 * validator is charged {@code s} participant rewards. A validator without a group has blocks of
 * one seat ({@code m = n = 1}), which is exactly Fulu's per-seat rule.
 *
 * <p>Pure functions on plain inputs (seat layout, thresholds, bits, the two reward amounts of
 * {@code process_sync_aggregate}); no balances are read, so {@code decrease_balance}'s floor at
 * zero is not applied.
 */
public final class GroupSyncCommitteeRule {
  private GroupSyncCommitteeRule() {}

  /**
   * The set bits a block of {@code blockSize} seats of {@code group} needs:
   * {@code ceil(m * blockSize / n)}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= blockSize <= n}
   */
  public static int blockThreshold(GroupThreshold group, int blockSize) {
    if (blockSize < 1 || blockSize > group.memberCount()) {
      throw new IllegalArgumentException("a block of a group of " + group.memberCount() + " has 1 to "
          + group.memberCount() + " seats, got " + blockSize);
    }
    return (group.threshold() * blockSize + group.memberCount() - 1) / group.memberCount();
  }

  /**
   * Whether a block of {@code blockSize} seats of {@code group} with {@code setBits} set bits
   * earns its rewards.
   *
   * @throws IllegalArgumentException unless {@code 1 <= blockSize <= n} and {@code 0 <= setBits <= blockSize}
   */
  public static boolean earns(GroupThreshold group, int blockSize, int setBits) {
    int threshold = blockThreshold(group, blockSize);
    if (setBits < 0 || setBits > blockSize) {
      throw new IllegalArgumentException("a block of " + blockSize + " seats has 0 to " + blockSize
          + " set bits, got " + setBits);
    }
    return setBits >= threshold;
  }

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
    List<SeatBlockOutcome> blocks = new ArrayList<>();
    Map<Integer, Long> rewards = new LinkedHashMap<>();
    UInt64 proposerTotal = UInt64.ZERO;
    int seat = 0;
    while (seat < seatValidators.length) {
      int validator = seatValidators[seat];
      GroupThreshold group = groups.apply(validator);
      int blockSize = Math.min(group.memberCount(), seatValidators.length - seat);
      int setBits = 0;
      for (int i = seat; i < seat + blockSize; i++) {
        if (seatValidators[i] != validator) {
          throw new IllegalArgumentException("seat " + i + " holds validator " + seatValidators[i]
              + " inside the block of validator " + validator + " that starts at seat " + seat);
        }
        if (bits[i]) {
          setBits++;
        }
      }
      boolean earned = earns(group, blockSize, setBits);
      UInt64 amount = participantReward.times(blockSize);
      long reward = earned ? amount.longValueExact() : -amount.longValueExact();
      if (earned) {
        proposerTotal = proposerTotal.plus(proposerReward.times(blockSize));
      }
      blocks.add(new SeatBlockOutcome(UInt64.valueOf(validator), seat, blockSize, blockThreshold(group, blockSize),
          setBits, earned, reward));
      rewards.merge(validator, reward, Math::addExact);
      seat += blockSize;
    }
    List<SyncCommitteeReward> perValidator = new ArrayList<>(rewards.size());
    rewards.forEach((validator, reward) -> perValidator.add(new SyncCommitteeReward(UInt64.valueOf(validator), reward)));
    return new GroupSyncCommitteeOutcome(blocks, perValidator, proposerTotal);
  }
}
