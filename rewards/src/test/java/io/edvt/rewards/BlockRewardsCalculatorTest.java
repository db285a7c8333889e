package io.edvt.rewards;

import static io.edvt.rewards.TestChains.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.BlockRewardsCalculator.BlockRewards;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu.SyncAggregateRewards;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The block and sync committee rewards reports against the real state transition of real signed
 * blocks: every balance change of the block is accounted for by the reports and the block's
 * withdrawals.
 */
class BlockRewardsCalculatorTest {
  private final BlockRewardsCalculator calculator = new BlockRewardsCalculator(TestChains.VERSIONS);
  private ChainBuilder chain;

  @BeforeEach
  void buildChain() {
    chain = ChainBuilder.interop(SPEC, TestChains.VALIDATORS);
    chain.addBlocksUpTo(UInt64.valueOf(9));
  }

  @Test
  void theReportsAndTheWithdrawalsAccountForEveryBalanceChangeOfTheRealTransition() {
    BeaconState pre = chain.headState();
    // slot 11: one empty slot first, so the block also carries the previous slot's attestations
    SignedBeaconBlock block = TestChains.withSyncParticipation(chain, UInt64.valueOf(11), seat -> seat % 3 != 0);

    BlockRewards rewards = calculator.compute(pre, block.message());
    chain.applyBlock(block);

    assertThat(rewards.block().attestations()).isGreaterThan(UInt64.ZERO);
    assertThat(rewards.syncCommittee().rewards()).anyMatch(r -> r.reward() < 0).anyMatch(r -> r.reward() > 0);
    assertThat(expectedBalances(pre, block.message(), rewards)).isEqualTo(longs(chain.headState().balances()));
  }

  @Test
  void eachMembersRewardIsItsSignedSeatsMinusItsMissedSeats() {
    UInt64 slot = UInt64.valueOf(10);
    BeaconState pre = chain.headState();
    SignedBeaconBlock block = TestChains.withSyncParticipation(chain, slot, seat -> seat % 4 != 1);
    MutableBeaconState atSlot = TestChains.stateAt(pre, slot);
    SyncAggregateRewards amounts = SPEC.blockProcessor().syncAggregateProcessing().computeRewards(atSlot);
    int[] seats = SPEC.blockProcessor().syncAggregateProcessing().committeeIndices(atSlot);
    SszBits bits = block.message().body().syncAggregate().syncCommitteeBits();

    SyncCommitteeRewardsReport report = calculator.syncCommitteeRewards(pre, block.message());

    Map<Integer, Long> expected = new LinkedHashMap<>();
    for (int seat = 0; seat < seats.length; seat++) {
      long r = amounts.participantReward().longValue();
      expected.merge(seats[seat], bits.get(seat) ? r : -r, Long::sum);
    }
    assertThat(report.rewards()).extracting(r -> r.validatorIndex().intValue()).containsExactlyElementsOf(expected.keySet());
    assertThat(report.rewards()).extracting(SyncCommitteeReward::reward).containsExactlyElementsOf(expected.values());
    assertThat(report.proposerReward()).isEqualTo(amounts.proposerReward().times(bits.count()));
    assertThat(report.proposerIndex()).isEqualTo(block.message().proposerIndex());
    assertThat(report.slot()).isEqualTo(slot);
    // a validator drawn twice into the minimal committee (32 seats, 64 validators) has one entry
    assertThat(expected).hasSizeLessThan(seats.length);
  }

  @Test
  void theProposersOwnSeatsAreItsMemberRewardAndItsShareIsTheBlocksSyncAggregateReward() {
    UInt64 slot = slotWhoseProposerSitsInTheSyncCommittee();
    chain.addBlocksUpTo(slot.minus(1));
    BeaconState pre = chain.headState();
    SignedBeaconBlock block = TestChains.withSyncParticipation(chain, slot, seat -> seat % 2 == 0);
    int proposer = block.message().proposerIndex().intValue();

    BlockRewards rewards = calculator.compute(pre, block.message());
    chain.applyBlock(block);

    SyncCommitteeRewardsReport sync = rewards.syncCommittee();
    assertThat(sync.rewardOf(UInt64.valueOf(proposer))).isPresent();
    assertThat(rewards.block().syncAggregate()).isEqualTo(sync.proposerReward()).isGreaterThan(UInt64.ZERO);
    assertThat(sync.balanceChanges().get(UInt64.valueOf(proposer)))
        .isEqualTo(sync.rewardOf(UInt64.valueOf(proposer)).orElseThrow().reward() + sync.proposerReward().longValue());
    assertThat(expectedBalances(pre, block.message(), rewards)).isEqualTo(longs(chain.headState().balances()));
  }

  @Test
  void anEmptySyncAggregateChargesEverySeatAndPaysTheProposerNothing() {
    BeaconState pre = chain.headState();
    SignedBeaconBlock block = TestChains.withSyncParticipation(chain, UInt64.valueOf(10), seat -> false);

    BlockRewards rewards = calculator.compute(pre, block.message());
    chain.applyBlock(block);

    assertThat(rewards.block().syncAggregate()).isEqualTo(UInt64.ZERO);
    assertThat(rewards.syncCommittee().rewards()).allMatch(r -> r.reward() < 0);
    assertThat(expectedBalances(pre, block.message(), rewards)).isEqualTo(longs(chain.headState().balances()));
  }

  @Test
  void slashingsPayTheProposerTheWhistleblowerRewardOfEachSlashedValidator() {
    UInt64 slot = UInt64.valueOf(10);
    int proposer = chain.proposerOf(slot);
    List<Integer> offenders = IntStream.range(20, 64).filter(i -> i != proposer).limit(3).boxed().toList();
    MutableBeaconState view = chain.headView();
    BlockOptions options = BlockOptions.none()
        .proposerSlashing(chain.operations().proposerSlashing(view, offenders.get(0), UInt64.valueOf(4)))
        .attesterSlashing(chain.operations().attesterSlashing(view, offenders.subList(1, 3)));
    BeaconState pre = chain.headState();
    SignedBeaconBlock block = chain.produceBlock(slot, options);

    BlockRewards rewards = calculator.compute(pre, block.message());
    chain.applyBlock(block);

    long whistleblowerReward = 32_000_000_000L / SPEC.config().whistleblowerRewardQuotientElectra();
    BlockRewardsReport report = rewards.block();
    assertThat(report.proposerIndex()).isEqualTo(UInt64.valueOf(proposer));
    assertThat(report.proposerSlashings()).isEqualTo(UInt64.valueOf(whistleblowerReward));
    assertThat(report.attesterSlashings()).isEqualTo(UInt64.valueOf(2 * whistleblowerReward));
    assertThat(report.total()).isEqualTo(report.attestations().plus(report.syncAggregate())
        .plus(report.proposerSlashings()).plus(report.attesterSlashings()));
    // the proposer's balance change is the block's total, its withdrawals and its own seats
    List<Long> expected = expectedBalances(pre, block.message(), rewards);
    List<Long> actual = longs(chain.headState().balances());
    assertThat(actual.get(proposer)).isEqualTo(expected.get(proposer));
    // the offenders lost their initial slashing penalty besides; nobody else changed unexplained
    long penalty = 32_000_000_000L / SPEC.config().minSlashingPenaltyQuotientElectra();
    for (int i : offenders) {
      expected.set(i, expected.get(i) - penalty);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void aPreStateAtAnEarlierSlotIsAdvancedThroughTheEmptySlots() {
    BeaconState pre = chain.headState();
    SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(12), BlockOptions.none());

    BlockRewards fromParent = calculator.compute(pre, block.message());
    BlockRewards fromSlot = calculator.compute(TestChains.stateAt(pre, UInt64.valueOf(12)).commit(), block.message());

    assertThat(fromParent).isEqualTo(fromSlot);
    assertThat(pre.slot()).isEqualTo(UInt64.valueOf(9));
  }

  @Test
  void rejectsAPreStatePastTheBlock() {
    SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(10), BlockOptions.none());
    chain.addBlocksUpTo(UInt64.valueOf(11));

    assertThatThrownBy(() -> calculator.compute(chain.headState(), block.message()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot 11");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * What each balance must be after {@code block}: the pre-state's balance at the block's slot,
   * less the block's withdrawals, plus the proposer's block rewards and the sync committee changes.
   */
  private static List<Long> expectedBalances(BeaconState pre, BeaconBlock block, BlockRewards rewards) {
    List<Long> out = longs(TestChains.stateAt(pre, block.slot()).commit().balances());
    for (Withdrawal w : block.body().executionPayload().withdrawals()) {
      int i = w.validatorIndex().intValue();
      out.set(i, out.get(i) - w.amount().longValue());
    }
    int proposer = block.proposerIndex().intValue();
    out.set(proposer, out.get(proposer) + rewards.block().total().longValue());
    for (SyncCommitteeReward r : rewards.syncCommittee().rewards()) {
      int i = r.validatorIndex().intValue();
      out.set(i, out.get(i) + r.reward());
    }
    return out;
  }

  private UInt64 slotWhoseProposerSitsInTheSyncCommittee() {
    MutableBeaconState view = chain.headView();
    Map<Integer, Boolean> members = new HashMap<>();
    for (int i : SPEC.blockProcessor().syncAggregateProcessing().committeeIndices(view)) {
      members.put(i, true);
    }
    for (long s = 10; s < 16; s++) {
      if (members.containsKey(chain.proposerOf(UInt64.valueOf(s)))) {
        return UInt64.valueOf(s);
      }
    }
    throw new AssertionError("no proposer of slots 10-15 sits in the sync committee");
  }

  private static List<Long> longs(Iterable<UInt64> values) {
    List<Long> out = new ArrayList<>();
    values.forEach(v -> out.add(v.longValue()));
    return out;
  }
}
