package io.edvt.rewards;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu.SyncAggregateRewards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fulu's block processing, unchanged, with a look at the proposer's balance around each step
 * that pays the proposer: every operation runs through the real {@code process_*} method (the
 * overrides only call {@code super} and read balances before and after), so the amounts are
 * what the block actually paid. One instance per block: the tallies accumulate.
 */
final class RewardTrackingBlockProcessor extends BlockProcessorFulu {
  private long proposerSlashings;
  private long attesterSlashings;
  private long attestations;
  private SyncCommitteeRewardsReport syncCommittee;

  RewardTrackingBlockProcessor(SpecFulu spec) {
    super(spec);
  }

  @Override
  public void processProposerSlashing(MutableBeaconState state, ProposerSlashing proposerSlashing, SignatureVerifier verifier) {
    long before = proposerBalance(state);
    super.processProposerSlashing(state, proposerSlashing, verifier);
    proposerSlashings = Math.addExact(proposerSlashings, gain(state, before, "a proposer slashing"));
  }

  @Override
  public void processAttesterSlashing(MutableBeaconState state, AttesterSlashing attesterSlashing, SignatureVerifier verifier) {
    long before = proposerBalance(state);
    super.processAttesterSlashing(state, attesterSlashing, verifier);
    attesterSlashings = Math.addExact(attesterSlashings, gain(state, before, "an attester slashing"));
  }

  /** {@code process_attestation} changes no balance but the proposer's. */
  @Override
  public void processAttestation(MutableBeaconState state, Attestation attestation, SignatureVerifier verifier) {
    long before = proposerBalance(state);
    super.processAttestation(state, attestation, verifier);
    attestations = Math.addExact(attestations, gain(state, before, "an attestation"));
  }

  /**
   * The members' rewards are their balance changes across {@code process_sync_aggregate}; the
   * proposer's share (one proposer reward per set bit, from the same reward computation the
   * step uses) is taken out of the proposer's change, which also holds its own seats if it is a
   * member.
   */
  @Override
  public void processSyncAggregate(MutableBeaconState state, SyncAggregate aggregate, SignatureVerifier verifier) {
    SyncAggregateRewards amounts = syncAggregateProcessing().computeRewards(state);
    int[] seats = syncAggregateProcessing().committeeIndices(state);
    int proposer = accessors.getBeaconProposerIndex(state);
    Map<Integer, Long> before = new LinkedHashMap<>();
    for (int index : seats) {
      before.computeIfAbsent(index, i -> balance(state, i));
    }
    before.computeIfAbsent(proposer, i -> balance(state, i));

    super.processSyncAggregate(state, aggregate, verifier);

    SszBits bits = aggregate.syncCommitteeBits();
    UInt64 proposerShare = amounts.proposerReward().times(bits.count());
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

  /** The block's rewards; valid once {@link #processBlock} has run. */
  BlockRewardsReport blockRewards(UInt64 proposerIndex) {
    return BlockRewardsReport.of(proposerIndex, UInt64.valueOf(attestations), syncCommittee.proposerReward(),
        UInt64.valueOf(proposerSlashings), UInt64.valueOf(attesterSlashings));
  }

  /** The sync committee's rewards; valid once {@link #processBlock} has run. */
  SyncCommitteeRewardsReport syncCommitteeRewards() {
    return syncCommittee;
  }

  private long proposerBalance(MutableBeaconState state) {
    return balance(state, accessors.getBeaconProposerIndex(state));
  }

  private static long balance(MutableBeaconState state, int index) {
    return state.balances().get(index).longValue();
  }

  /**
   * The proposer's balance gain since {@code before}. Only the proposer's own slashing can take
   * from it within these steps, and Electra's initial slashing penalty equals the whistleblower
   * reward, so a negative gain means the rules changed under this class.
   */
  private long gain(MutableBeaconState state, long before, String what) {
    long gain = Math.subtractExact(proposerBalance(state), before);
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
