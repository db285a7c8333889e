package io.edvt.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * The sync committee rule of EDVT's {@code process_sync_aggregate} ("{@code m} of the group's
 * members or nothing", protocol decision 5): the committee's seats are read as blocks, one per
 * draw, each starting at the seat of a validator's member 0 and holding {@code n} seats (fewer
 * when the committee ends first). A block of {@code s} seats is earned when at least {@code
 * ceil(m * s / n)} of its participation bits are set ({@code m} for a full block). A validator
 * without a group has blocks of one seat ({@link GroupThreshold#PLAIN}), which is Fulu's per-seat
 * rule. The state transition applies the blocks' rewards and penalties; the reward reports
 * describe the same blocks.
 */
public final class SyncSeatBlocks {

  /**
   * One block of seats.
   *
   * @param validatorIndex the validator whose members hold the seats
   * @param firstSeat the seat of its member 0
   * @param size the number of seats ({@code n}, fewer if the committee ended first)
   * @param threshold the set bits the block needs: {@code ceil(m * size / n)}
   * @param setBits the block's participation bits that are set
   */
  public record Block(long validatorIndex, int firstSeat, int size, int threshold, int setBits) {
    /** {@code setBits >= threshold}: the block's seats earn their rewards. */
    public boolean earned() {
      return setBits >= threshold;
    }
  }

  private SyncSeatBlocks() {}

  /**
   * The set bits a block of {@code blockSize} seats of {@code group} needs: {@code ceil(m *
   * blockSize / n)}.
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
   * The committee's blocks in seat order.
   *
   * @param seatValidators the validator index of every seat, in committee order
   * @param groupOf the threshold and size of a validator's key set ({@link GroupThreshold#PLAIN}
   *     without a group)
   * @param bit whether seat {@code i}'s participation bit is set
   */
  public static List<Block> of(long[] seatValidators, LongFunction<GroupThreshold> groupOf, IntPredicate bit) {
    List<Block> blocks = new ArrayList<>();
    int seat = 0;
    while (seat < seatValidators.length) {
      long validator = seatValidators[seat];
      GroupThreshold group = groupOf.apply(validator);
      int size = Math.min(group.memberCount(), seatValidators.length - seat);
      int setBits = 0;
      for (int i = seat; i < seat + size; i++) {
        if (bit.test(i)) {
          setBits++;
        }
      }
      blocks.add(new Block(validator, seat, size, blockThreshold(group, size), setBits));
      seat += size;
    }
    return blocks;
  }
}
