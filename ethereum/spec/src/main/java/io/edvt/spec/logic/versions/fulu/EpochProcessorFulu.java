package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.GENESIS_EPOCH;
import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.HistoricalSummary;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingConsolidation;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import java.util.Arrays;
import java.util.List;

/**
 * {@code process_epoch} (Fulu) and each of its steps.
 *
 * <p>{@link #processEpoch} reads the registry once into {@link ValidatorStatuses} and hands it to
 * every step that sweeps the validators (justification, inactivity, rewards, registry updates,
 * slashings, effective balances); balances and inactivity scores are rewritten as whole lists.
 * Each public {@code processX(state)} runs one step on its own, as the reference tests do, by
 * computing fresh statuses first. The sweeping steps live in {@link RewardsAndPenaltiesFulu},
 * {@link ValidatorUpdatesFulu} and {@link PendingDepositsFulu}, handed over in a {@link Parts}
 * record a later milestone changes to replace one; the small ones are here.
 */
public class EpochProcessorFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;
  protected final RewardsAndPenaltiesFulu rewards;
  protected final ValidatorUpdatesFulu validatorUpdates;
  protected final PendingDepositsFulu pendingDeposits;

  /** The parts of {@code process_epoch} that sweep the registry, each replaceable by a later milestone. */
  public record Parts(
      RewardsAndPenaltiesFulu rewards, ValidatorUpdatesFulu validatorUpdates, PendingDepositsFulu pendingDeposits) {

    /** Fulu's parts. */
    public static Parts fulu(FuluHelpers helpers) {
      return new Parts(
          new RewardsAndPenaltiesFulu(helpers.config(), helpers.accessors()),
          new ValidatorUpdatesFulu(helpers.config(), helpers.misc(), helpers.accessors(), helpers.mutators()),
          new PendingDepositsFulu(helpers.config(), helpers.misc(), helpers.accessors(), helpers.mutators()));
    }

    public Parts withValidatorUpdates(ValidatorUpdatesFulu part) {
      return new Parts(rewards, part, pendingDeposits);
    }

    public Parts withPendingDeposits(PendingDepositsFulu part) {
      return new Parts(rewards, validatorUpdates, part);
    }
  }

  /** Fulu's epoch processing. */
  public EpochProcessorFulu(FuluHelpers helpers) {
    this(helpers, Parts.fulu(helpers));
  }

  public EpochProcessorFulu(FuluHelpers helpers, Parts parts) {
    this.config = helpers.config();
    this.misc = helpers.misc();
    this.accessors = helpers.accessors();
    this.mutators = helpers.mutators();
    this.rewards = parts.rewards();
    this.validatorUpdates = parts.validatorUpdates();
    this.pendingDeposits = parts.pendingDeposits();
  }

  // ------------------------------------------------------------------ process_epoch

  /** {@code process_epoch} (Fulu), verifying deposit signatures with {@link SignatureVerifier#SIMPLE}. */
  public void processEpoch(MutableBeaconState state) {
    processEpoch(state, SignatureVerifier.SIMPLE);
  }

  /**
   * {@code process_epoch} (Fulu). {@code depositSignatures} checks the proofs of possession of
   * new validators' deposits; it must answer at once ({@link SignatureVerifier#SIMPLE}, or
   * {@link SignatureVerifier#NONE} where signatures are switched off), not batch.
   */
  public void processEpoch(MutableBeaconState state, SignatureVerifier depositSignatures) {
    ValidatorStatuses statuses = computeStatuses(state);
    // The churn limits need the total active balance; the statuses have just summed it.
    accessors.cacheTotalActiveBalance(state, UInt64.fromLongBits(statuses.totalActiveBalance(config)));
    processJustificationAndFinalization(state, statuses);
    long[] inactivityScores = processInactivityUpdates(state, statuses);
    processRewardsAndPenalties(state, statuses, inactivityScores);
    processRegistryUpdates(state, statuses);
    processSlashings(state, statuses);
    processEth1DataReset(state);
    processPendingDeposits(state, depositSignatures);
    processPendingConsolidations(state);
    processEffectiveBalanceUpdates(state, statuses);
    processSlashingsReset(state);
    processRandaoMixesReset(state);
    processHistoricalSummariesUpdate(state);
    processParticipationFlagUpdates(state);
    processSyncCommitteeUpdates(state);
    processProposerLookahead(state, statuses);
  }

  /**
   * The incentive accounting this processor's rewards steps run (inactivity scores, flag and
   * inactivity deltas), for callers that report the deltas without applying them.
   */
  public RewardsAndPenaltiesFulu rewardsAndPenalties() {
    return rewards;
  }

  /** The registry and participation of {@code state} as the sweeping steps read them. */
  public ValidatorStatuses computeStatuses(MutableBeaconState state) {
    return ValidatorStatuses.compute(state, accessors.getCurrentEpoch(state).longValue(),
        accessors.getPreviousEpoch(state).longValue());
  }

  // ------------------------------------------------------------------ justification and finalization

  /** {@code process_justification_and_finalization} (Altair). */
  public void processJustificationAndFinalization(MutableBeaconState state) {
    processJustificationAndFinalization(state, computeStatuses(state));
  }

  protected void processJustificationAndFinalization(MutableBeaconState state, ValidatorStatuses statuses) {
    // Skip FFG updates in the first two epochs to avoid corner cases that might modify the stub root.
    if (statuses.currentEpoch() <= GENESIS_EPOCH.longValue() + 1) {
      return;
    }
    weighJustificationAndFinalization(state,
        UInt64.fromLongBits(statuses.totalActiveBalance(config)),
        UInt64.fromLongBits(statuses.previousFlagBalance(TIMELY_TARGET_FLAG_INDEX, config)),
        UInt64.fromLongBits(statuses.currentTargetBalance(config)));
  }

  /** {@code weigh_justification_and_finalization} (phase0). */
  public void weighJustificationAndFinalization(MutableBeaconState state, UInt64 totalActiveBalance,
      UInt64 previousEpochTargetBalance, UInt64 currentEpochTargetBalance) {
    UInt64 previousEpoch = accessors.getPreviousEpoch(state);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    Checkpoint oldPreviousJustified = state.previousJustifiedCheckpoint();
    Checkpoint oldCurrentJustified = state.currentJustifiedCheckpoint();

    // Process justifications
    state.setPreviousJustifiedCheckpoint(state.currentJustifiedCheckpoint());
    SszBits old = state.justificationBits();
    SszBits bits = SszBits.zeros(old.length());
    for (int i = 1; i < old.length(); i++) {
      bits = bits.with(i, old.get(i - 1));
    }
    UInt64 twiceTotal = totalActiveBalance.times(2);
    if (previousEpochTargetBalance.times(3).isGreaterThanOrEqualTo(twiceTotal)) {
      state.setCurrentJustifiedCheckpoint(Checkpoint.create(previousEpoch, accessors.getBlockRoot(state, previousEpoch)));
      bits = bits.with(1, true);
    }
    if (currentEpochTargetBalance.times(3).isGreaterThanOrEqualTo(twiceTotal)) {
      state.setCurrentJustifiedCheckpoint(Checkpoint.create(currentEpoch, accessors.getBlockRoot(state, currentEpoch)));
      bits = bits.with(0, true);
    }
    state.setJustificationBits(bits);

    // Process finalizations
    // The 2nd/3rd/4th most recent epochs are justified, the 2nd using the 4th as source
    if (allSet(bits, 1, 4) && oldPreviousJustified.epoch().plus(3).equals(currentEpoch)) {
      state.setFinalizedCheckpoint(oldPreviousJustified);
    }
    // The 2nd/3rd most recent epochs are justified, the 2nd using the 3rd as source
    if (allSet(bits, 1, 3) && oldPreviousJustified.epoch().plus(2).equals(currentEpoch)) {
      state.setFinalizedCheckpoint(oldPreviousJustified);
    }
    // The 1st/2nd/3rd most recent epochs are justified, the 1st using the 3rd as source
    if (allSet(bits, 0, 3) && oldCurrentJustified.epoch().plus(2).equals(currentEpoch)) {
      state.setFinalizedCheckpoint(oldCurrentJustified);
    }
    // The 1st/2nd most recent epochs are justified, the 1st using the 2nd as source
    if (allSet(bits, 0, 2) && oldCurrentJustified.epoch().plus(1).equals(currentEpoch)) {
      state.setFinalizedCheckpoint(oldCurrentJustified);
    }
  }

  /** {@code all(bits[from:to])}. */
  private static boolean allSet(SszBits bits, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!bits.get(i)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ incentives

  /** {@code process_inactivity_updates} (Altair). */
  public void processInactivityUpdates(MutableBeaconState state) {
    processInactivityUpdates(state, computeStatuses(state));
  }

  /** Returns the new scores for the rewards step, or null when the step does nothing (genesis). */
  protected long[] processInactivityUpdates(MutableBeaconState state, ValidatorStatuses statuses) {
    return rewards.processInactivityUpdates(state, statuses);
  }

  /** {@code process_rewards_and_penalties} (Altair), with the scores in the state. */
  public void processRewardsAndPenalties(MutableBeaconState state) {
    processRewardsAndPenalties(state, computeStatuses(state), null);
  }

  protected void processRewardsAndPenalties(MutableBeaconState state, ValidatorStatuses statuses, long[] inactivityScores) {
    rewards.processRewardsAndPenalties(state, statuses, inactivityScores);
  }

  /** {@code get_flag_index_deltas} (Altair). */
  public Deltas getFlagIndexDeltas(MutableBeaconState state, int flagIndex) {
    return rewards.getFlagIndexDeltas(state, computeStatuses(state), flagIndex);
  }

  /** {@code get_inactivity_penalty_deltas} (Bellatrix). */
  public Deltas getInactivityPenaltyDeltas(MutableBeaconState state) {
    return rewards.getInactivityPenaltyDeltas(state, computeStatuses(state));
  }

  /**
   * {@code get_unslashed_participating_indices} (Altair), ascending. Not used by
   * {@link #processEpoch}, which reads the same sets from {@link ValidatorStatuses}.
   */
  public int[] getUnslashedParticipatingIndices(MutableBeaconState state, int flagIndex, UInt64 epoch) {
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    StateTransitionException.check(epoch.equals(accessors.getPreviousEpoch(state)) || epoch.equals(currentEpoch),
        "epoch in (get_previous_epoch(state), get_current_epoch(state))", epoch);
    StateTransitionException.check(flagIndex >= 0 && flagIndex < PARTICIPATION_FLAG_WEIGHTS.length,
        "flag_index < len(PARTICIPATION_FLAG_WEIGHTS)", flagIndex);
    byte[] participation = state.listValue(epoch.equals(currentEpoch)
        ? BeaconState.CURRENT_EPOCH_PARTICIPATION
        : BeaconState.PREVIOUS_EPOCH_PARTICIPATION).toByteArray();
    SszList<Validator> validators = state.listValue(BeaconState.VALIDATORS);
    int[] active = accessors.getActiveValidatorIndices(state, epoch);
    List<Validator> registry = validators.asList();
    int[] out = new int[active.length];
    int n = 0;
    for (int i : active) {
      if ((participation[i] & (1 << flagIndex)) != 0 && !registry.get(i).slashed()) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  // ------------------------------------------------------------------ registry

  /** {@code process_registry_updates} (Electra). */
  public void processRegistryUpdates(MutableBeaconState state) {
    processRegistryUpdates(state, computeStatuses(state));
  }

  protected void processRegistryUpdates(MutableBeaconState state, ValidatorStatuses statuses) {
    validatorUpdates.processRegistryUpdates(state, statuses);
  }

  /** {@code process_slashings} (Electra). */
  public void processSlashings(MutableBeaconState state) {
    processSlashings(state, computeStatuses(state));
  }

  protected void processSlashings(MutableBeaconState state, ValidatorStatuses statuses) {
    validatorUpdates.processSlashings(state, statuses);
  }

  /** {@code process_eth1_data_reset} (phase0). */
  public void processEth1DataReset(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    if (nextEpoch.mod(config.epochsPerEth1VotingPeriod()).isZero()) {
      SszList<Eth1Data> votes = state.listValue(BeaconState.ETH1_DATA_VOTES);
      state.setList(BeaconState.ETH1_DATA_VOTES, votes.type().of(List.of()));
    }
  }

  /** {@code process_pending_deposits} (Fulu), verifying signatures with {@link SignatureVerifier#SIMPLE}. */
  public void processPendingDeposits(MutableBeaconState state) {
    pendingDeposits.processPendingDeposits(state, SignatureVerifier.SIMPLE);
  }

  /** {@code process_pending_deposits} (Fulu) with the given (immediate) verifier. */
  public void processPendingDeposits(MutableBeaconState state, SignatureVerifier depositSignatures) {
    pendingDeposits.processPendingDeposits(state, depositSignatures);
  }

  /** {@code process_pending_consolidations} (Electra). */
  public void processPendingConsolidations(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    SszList<PendingConsolidation> pending = state.listValue(BeaconState.PENDING_CONSOLIDATIONS);
    int nextPendingConsolidation = 0;
    for (PendingConsolidation consolidation : pending) {
      int sourceIndex = consolidation.sourceIndex().intValue();
      Validator source = state.validators().get(sourceIndex);
      if (source.slashed()) {
        nextPendingConsolidation++;
        continue;
      }
      if (source.withdrawableEpoch().isGreaterThan(nextEpoch)) {
        break;
      }
      // Move active balance to target. Excess balance is withdrawable.
      UInt64 sourceEffectiveBalance = state.balances().get(sourceIndex).min(source.effectiveBalance());
      mutators.decreaseBalance(state, sourceIndex, sourceEffectiveBalance);
      mutators.increaseBalance(state, consolidation.targetIndex().intValue(), sourceEffectiveBalance);
      nextPendingConsolidation++;
    }
    if (nextPendingConsolidation > 0) {
      state.setList(BeaconState.PENDING_CONSOLIDATIONS, pending.sliceFrom(nextPendingConsolidation));
    }
  }

  /** {@code process_effective_balance_updates} (Electra). */
  public void processEffectiveBalanceUpdates(MutableBeaconState state) {
    processEffectiveBalanceUpdates(state, computeStatuses(state));
  }

  protected void processEffectiveBalanceUpdates(MutableBeaconState state, ValidatorStatuses statuses) {
    validatorUpdates.processEffectiveBalanceUpdates(state, statuses);
    // The current epoch's total active balance is cached and effective balances just changed.
    accessors.invalidateTotalActiveBalance(state);
  }

  // ------------------------------------------------------------------ resets and rotations

  /** {@code process_slashings_reset} (phase0). */
  public void processSlashingsReset(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    state.slashings().set(nextEpoch.mod(config.epochsPerSlashingsVector()).intValue(), UInt64.ZERO);
  }

  /** {@code process_randao_mixes_reset} (phase0). */
  public void processRandaoMixesReset(MutableBeaconState state) {
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    UInt64 nextEpoch = currentEpoch.plus(1);
    state.randaoMixes().set(nextEpoch.mod(config.epochsPerHistoricalVector()).intValue(),
        accessors.getRandaoMix(state, currentEpoch));
  }

  /** {@code process_historical_summaries_update} (Capella). */
  public void processHistoricalSummariesUpdate(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    if (nextEpoch.mod(config.slotsPerHistoricalRoot() / config.slotsPerEpoch()).isZero()) {
      HistoricalSummary summary = HistoricalSummary.create(
          state.listValue(BeaconState.BLOCK_ROOTS).hashTreeRoot(),
          state.listValue(BeaconState.STATE_ROOTS).hashTreeRoot());
      state.historicalSummaries().append(summary);
    }
  }

  /**
   * {@code process_participation_flag_updates} (Altair): the current flags become the previous
   * ones, and the new current list is an all-zero tree (whose hashes are precomputed).
   */
  public void processParticipationFlagUpdates(MutableBeaconState state) {
    SszList<Integer> current = state.listValue(BeaconState.CURRENT_EPOCH_PARTICIPATION);
    int n = state.validators().size();
    int depth = current.type().contentDepth(n);
    state.setList(BeaconState.PREVIOUS_EPOCH_PARTICIPATION, current);
    state.setList(BeaconState.CURRENT_EPOCH_PARTICIPATION, SszList.wrap(current.type(), ZeroNode.of(depth), depth, n));
  }

  /** {@code process_sync_committee_updates} (Altair). */
  public void processSyncCommitteeUpdates(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    if (nextEpoch.mod(config.epochsPerSyncCommitteePeriod()).isZero()) {
      state.setCurrentSyncCommittee(state.nextSyncCommittee());
      state.setNextSyncCommittee(accessors.getNextSyncCommittee(state));
    }
  }

  /**
   * {@code process_proposer_lookahead} (Fulu): shift out the first epoch's proposers and append
   * those of epoch {@code current + MIN_SEED_LOOKAHEAD + 1}.
   */
  public void processProposerLookahead(MutableBeaconState state) {
    UInt64 epoch = lookaheadEpoch(state);
    setLastLookaheadEpoch(state, accessors.getBeaconProposerIndices(state, epoch));
  }

  /**
   * {@code process_proposer_lookahead} within {@link #processEpoch}: the active indices and
   * effective balances of {@code get_beacon_proposer_indices} come from the statuses (kept
   * current by the earlier steps) instead of another sweep and a tree walk per candidate.
   */
  protected void processProposerLookahead(MutableBeaconState state, ValidatorStatuses statuses) {
    UInt64 epoch = lookaheadEpoch(state);
    long[] effectiveBalances = statuses.effectiveBalances();
    int[] proposers = misc.computeProposerIndices(i -> effectiveBalances[i], epoch,
        accessors.getSeed(state, epoch, DOMAIN_BEACON_PROPOSER), statuses.activeIndices(epoch.longValue()));
    setLastLookaheadEpoch(state, proposers);
  }

  private UInt64 lookaheadEpoch(MutableBeaconState state) {
    return accessors.getCurrentEpoch(state).plus(config.minSeedLookahead() + 1);
  }

  private void setLastLookaheadEpoch(MutableBeaconState state, int[] proposers) {
    SszList<UInt64> lookahead = state.listValue(BeaconStateFulu.PROPOSER_LOOKAHEAD);
    long[] values = lookahead.toLongArray();
    int slotsPerEpoch = config.slotsPerEpoch();
    int lastEpochStart = values.length - slotsPerEpoch;
    // Shift out proposers in the first epoch, fill in the last epoch with the new ones.
    System.arraycopy(values, slotsPerEpoch, values, 0, lastEpochStart);
    for (int i = 0; i < slotsPerEpoch; i++) {
      values[lastEpochStart + i] = proposers[i];
    }
    state.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, lookahead.withLongs(values));
  }
}
