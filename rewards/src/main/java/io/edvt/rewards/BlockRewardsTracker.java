package io.edvt.rewards;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.BlockProcessingObserver;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu.SyncAggregateRewards;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what one block paid while the milestone's own {@code process_block} runs it: the
 * proposer's balance around each step that pays the proposer ({@link BlockProcessingObserver}),
 * so the amounts are what the block actually paid, for Fulu's processing and for any later
 * milestone's (an EDVT block's group attestations, group slashings and seat-block sync rewards
 * included). One instance per block: the tallies accumulate.
 */
final class BlockRewardsTracker implements BlockProcessingObserver {
  private final SpecFulu spec;
  private final SyncAggregate aggregate;
  private long proposerSlashings;
  private long attesterSlashings;
  private long attestations;
  private long stepStart;
  private SyncCommitteeRewardsReport syncCommittee;
  // Around the sync aggregate
  private SyncAggregateRewards amounts;
  private int[] seats;
  private int proposer;
  private Map<Integer, Long> before;
  private long rewardedSeats;

  BlockRewardsTracker(SpecFulu spec, SyncAggregate aggregate) {
    this.spec = spec;
    this.aggregate = aggregate;
  }

  @Override
  public void before(Step step, MutableBeaconState state) {
    if (step == Step.SYNC_AGGREGATE) {
      beforeSyncAggregate(state);
    } else {
      stepStart = proposerBalance(state);
    }
  }

  @Override
  public void after(Step step, MutableBeaconState state) {
    switch (step) {
      case PROPOSER_SLASHING -> proposerSlashings = Math.addExact(proposerSlashings, gain(state, "a proposer slashing"));
      case ATTESTER_SLASHING -> attesterSlashings = Math.addExact(attesterSlashings, gain(state, "an attester slashing"));
      case ATTESTATION -> attestations = Math.addExact(attestations, gain(state, "an attestation"));
      case SYNC_AGGREGATE -> afterSyncAggregate(state);
    }
  }

  /**
   * The members' rewards are their balance changes across {@code process_sync_aggregate}; the
   * proposer's share (one proposer reward per set bit, from the same reward computation the step
   * uses) is taken out of the proposer's change, which also holds its own seats if it is a member.
   */
  private void beforeSyncAggregate(MutableBeaconState state) {
    SyncAggregateProcessingFulu processing = spec.blockProcessor().syncAggregateProcessing();
    amounts = processing.computeRewards(state);
    seats = processing.committeeIndices(state);
    proposer = spec.accessors().getBeaconProposerIndex(state);
    before = new LinkedHashMap<>();
    for (int index : seats) {
      before.computeIfAbsent(index, i -> balance(state, i));
    }
    before.computeIfAbsent(proposer, i -> balance(state, i));
    rewardedSeats = processing.proposerRewardedSeats(state, aggregate.syncCommitteeBits());
  }

  private void afterSyncAggregate(MutableBeaconState state) {
    UInt64 proposerShare = amounts.proposerReward().times(rewardedSeats);
    List<SyncCommitteeReward> rewards = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : before.entrySet()) {
      int index = e.getKey();
      long change = Math.subtractExact(balance(state, index), e.getValue());
      if (index == proposer) {
        change = Math.subtractExact(change, proposerShare.longValueExact());
        if (!isMember(seats, index)) {
          continue;
        }
      }
      rewards.add(new SyncCommitteeReward(UInt64.valueOf(index), change));
    }
    syncCommittee = new SyncCommitteeRewardsReport(state.slot(), rewards, UInt64.valueOf(proposer), proposerShare);
  }

  /** The block's rewards; valid once the block was processed. */
  BlockRewardsReport blockRewards(UInt64 proposerIndex) {
    return BlockRewardsReport.of(proposerIndex, UInt64.valueOf(attestations), syncCommittee.proposerReward(),
        UInt64.valueOf(proposerSlashings), UInt64.valueOf(attesterSlashings));
  }

  /** The sync committee's rewards; valid once the block was processed. */
  SyncCommitteeRewardsReport syncCommitteeRewards() {
    return syncCommittee;
  }

  private long proposerBalance(MutableBeaconState state) {
    return balance(state, spec.accessors().getBeaconProposerIndex(state));
  }

  private static long balance(MutableBeaconState state, int index) {
    return state.balances().get(index).longValue();
  }

  /**
   * The proposer's balance gain since the step began. Only the proposer's own slashing can take
   * from it within these steps, and Electra's initial slashing penalty equals the whistleblower
   * reward, so a negative gain means the rules changed under this class.
   */
  private long gain(MutableBeaconState state, String what) {
    long gain = Math.subtractExact(proposerBalance(state), stepStart);
    if (gain < 0) {
      throw new IllegalStateException("the proposer's balance fell by " + -gain + " Gwei across " + what);
    }
    return gain;
  }

  private static boolean isMember(int[] seats, int index) {
    for (int seat : seats) {
      if (seat == index) {
        return true;
      }
    }
    return false;
  }
}
