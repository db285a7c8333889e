package io.edvt.rewards;

import static io.edvt.rewards.TestChains.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.edvt.groups.GroupThreshold;
import io.edvt.groups.SyncSeatBlocks;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu.SyncAggregateRewards;
import io.edvt.spec.testing.ChainBuilder;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class GroupSyncCommitteeRuleTest {
  private static final UInt64 R = UInt64.valueOf(1000);
  private static final UInt64 P = UInt64.valueOf(142);
  private static final GroupThreshold THREE_OF_FOUR = new GroupThreshold(3, 4);

  @Test
  void aFullBlockEarnsNRewardsIffAtLeastMOfItsBitsAreSetElseIsChargedNPenalties() {
    int[] seats = {7, 7, 7, 7};

    GroupSyncCommitteeOutcome three = GroupSyncCommitteeRule.apply(seats, v -> THREE_OF_FOUR,
        bits(true, false, true, true), R, P);
    GroupSyncCommitteeOutcome two = GroupSyncCommitteeRule.apply(seats, v -> THREE_OF_FOUR,
        bits(true, false, false, true), R, P);

    assertThat(three.rewardOf(UInt64.valueOf(7)).orElseThrow().reward()).isEqualTo(4000);
    assertThat(three.proposerReward()).isEqualTo(UInt64.valueOf(4 * 142));
    assertThat(two.rewardOf(UInt64.valueOf(7)).orElseThrow().reward()).isEqualTo(-4000);
    assertThat(two.proposerReward()).isEqualTo(UInt64.ZERO);
    assertThat(two.blocks()).singleElement().satisfies(b -> {
      assertThat(b.setBits()).isEqualTo(2);
      assertThat(b.threshold()).isEqualTo(3);
      assertThat(b.earned()).isFalse();
    });
  }

  @Test
  void theProposerIsPaidPerSeatOfAnEarnedBlockNotPerSetBit() {
    GroupSyncCommitteeOutcome outcome = GroupSyncCommitteeRule.apply(new int[] {7, 7, 7, 7}, v -> THREE_OF_FOUR,
        bits(true, true, true, false), R, P);

    // Fulu would pay 3 proposer rewards for 3 set bits; the group's block pays for its 4 seats
    assertThat(outcome.proposerReward()).isEqualTo(P.times(4));
  }

  @Test
  void aTruncatedBlockNeedsItsShareOfTheThresholdRoundedUp() {
    assertThat(SyncSeatBlocks.blockThreshold(THREE_OF_FOUR, 4)).isEqualTo(3);
    assertThat(SyncSeatBlocks.blockThreshold(THREE_OF_FOUR, 3)).isEqualTo(3);
    assertThat(SyncSeatBlocks.blockThreshold(THREE_OF_FOUR, 2)).isEqualTo(2);
    assertThat(SyncSeatBlocks.blockThreshold(THREE_OF_FOUR, 1)).isEqualTo(1);
    assertThat(SyncSeatBlocks.blockThreshold(new GroupThreshold(1, 16), 16)).isEqualTo(1);
    assertThat(SyncSeatBlocks.blockThreshold(new GroupThreshold(16, 16), 5)).isEqualTo(5);
    assertThat(SyncSeatBlocks.blockThreshold(new GroupThreshold(9, 16), 8)).isEqualTo(5);

    // plain 3 at seat 0, group 7 at seats 1-4, group 8 cut to seats 5-6 by the committee's end
    int[] seats = {3, 7, 7, 7, 7, 8, 8};
    GroupSyncCommitteeOutcome outcome = GroupSyncCommitteeRule.apply(seats,
        v -> v == 3 ? GroupThreshold.PLAIN : THREE_OF_FOUR,
        bits(false, true, true, true, false, true, true), R, P);

    assertThat(outcome.blocks()).extracting(SeatBlockOutcome::firstSeat, SeatBlockOutcome::blockSize,
            SeatBlockOutcome::threshold, SeatBlockOutcome::earned)
        .containsExactly(
            tuple(0, 1, 1, false),
            tuple(1, 4, 3, true),
            tuple(5, 2, 2, true));
    assertThat(outcome.rewards()).extracting(SyncCommitteeReward::reward).containsExactly(-1000L, 4000L, 2000L);
    assertThat(outcome.proposerReward()).isEqualTo(P.times(6));
  }

  @Test
  void twoDrawsOfOneGroupAreJudgedAsSeparateBlocks() {
    int[] seats = {7, 7, 7, 7, 7, 7, 7, 7};

    GroupSyncCommitteeOutcome outcome = GroupSyncCommitteeRule.apply(seats, v -> THREE_OF_FOUR,
        bits(true, true, true, true, true, true, false, false), R, P);

    assertThat(outcome.blocks()).extracting(SeatBlockOutcome::earned).containsExactly(true, false);
    assertThat(outcome.rewards()).singleElement().extracting(SyncCommitteeReward::reward).isEqualTo(0L);
    assertThat(outcome.proposerReward()).isEqualTo(P.times(4));
  }

  @Test
  void plainValidatorsGetExactlyFulusPerSeatRewardsOfARealBlock() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, TestChains.VALIDATORS);
    chain.addBlocksUpTo(UInt64.valueOf(4));
    BeaconState pre = chain.headState();
    UInt64 slot = UInt64.valueOf(5);
    SignedBeaconBlock block = TestChains.withSyncParticipation(chain, slot, seat -> seat % 5 != 2);
    MutableBeaconState atSlot = TestChains.stateAt(pre, slot);
    SyncAggregateRewards amounts = SPEC.blockProcessor().syncAggregateProcessing().computeRewards(atSlot);
    int[] seats = SPEC.blockProcessor().syncAggregateProcessing().committeeIndices(atSlot);
    SszBits bits = block.message().body().syncAggregate().syncCommitteeBits();
    boolean[] set = new boolean[bits.length()];
    for (int i = 0; i < set.length; i++) {
      set[i] = bits.get(i);
    }

    GroupSyncCommitteeOutcome plain = GroupSyncCommitteeRule.apply(seats, v -> GroupThreshold.PLAIN, set,
        amounts.participantReward(), amounts.proposerReward());
    SyncCommitteeRewardsReport fulu = new BlockRewardsCalculator(TestChains.VERSIONS).syncCommitteeRewards(pre, block.message());

    assertThat(plain.rewards()).isEqualTo(fulu.rewards());
    assertThat(plain.proposerReward()).isEqualTo(fulu.proposerReward());
    assertThat(plain.blocks()).hasSize(seats.length).allMatch(b -> b.blockSize() == 1);
  }

  @Test
  void rejectsASeatLayoutThatBreaksABlockOrBitsOfAnotherLength() {
    IntFunction<GroupThreshold> groups = v -> v == 7 ? THREE_OF_FOUR : GroupThreshold.PLAIN;

    assertThatThrownBy(() -> GroupSyncCommitteeRule.apply(new int[] {7, 7, 8, 7}, groups,
        bits(true, true, true, true), R, P))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seat 2 holds validator 8");
    assertThatThrownBy(() -> GroupSyncCommitteeRule.apply(new int[] {1, 2}, groups, bits(true), R, P))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 participation bits for 2 seats");
    assertThatThrownBy(() -> SyncSeatBlocks.blockThreshold(THREE_OF_FOUR, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean[] bits(boolean... bits) {
    return bits;
  }
}
