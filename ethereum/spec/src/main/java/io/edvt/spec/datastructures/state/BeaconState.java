package io.edvt.spec.datastructures.state;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The fields every beacon state has from Electra on: the 37 fields of the Electra
 * {@code BeaconState}, in the spec's order. Fulu and later milestones only append fields, so one
 * set of accessors and {@code withX} methods serves them all; the state transition works on this
 * type.
 *
 * <p>Concrete states are {@link BeaconStateElectra} (exactly these fields) and
 * {@link BeaconStateFulu} (plus {@code proposer_lookahead}); a later milestone subclasses
 * {@code BeaconStateFulu}. A {@code withX} copy is always of the same class and
 * {@code ContainerType} as the original, so narrowing its result with the subclass's
 * {@code required} method is safe.
 */
public abstract class BeaconState extends SszContainer {
  public static final int GENESIS_TIME = 0;
  public static final int GENESIS_VALIDATORS_ROOT = 1;
  public static final int SLOT = 2;
  public static final int FORK = 3;
  public static final int LATEST_BLOCK_HEADER = 4;
  public static final int BLOCK_ROOTS = 5;
  public static final int STATE_ROOTS = 6;
  public static final int HISTORICAL_ROOTS = 7;
  public static final int ETH1_DATA = 8;
  public static final int ETH1_DATA_VOTES = 9;
  public static final int ETH1_DEPOSIT_INDEX = 10;
  public static final int VALIDATORS = 11;
  public static final int BALANCES = 12;
  public static final int RANDAO_MIXES = 13;
  public static final int SLASHINGS = 14;
  public static final int PREVIOUS_EPOCH_PARTICIPATION = 15;
  public static final int CURRENT_EPOCH_PARTICIPATION = 16;
  public static final int JUSTIFICATION_BITS = 17;
  public static final int PREVIOUS_JUSTIFIED_CHECKPOINT = 18;
  public static final int CURRENT_JUSTIFIED_CHECKPOINT = 19;
  public static final int FINALIZED_CHECKPOINT = 20;
  public static final int INACTIVITY_SCORES = 21;
  public static final int CURRENT_SYNC_COMMITTEE = 22;
  public static final int NEXT_SYNC_COMMITTEE = 23;
  public static final int LATEST_EXECUTION_PAYLOAD_HEADER = 24;
  public static final int NEXT_WITHDRAWAL_INDEX = 25;
  public static final int NEXT_WITHDRAWAL_VALIDATOR_INDEX = 26;
  public static final int HISTORICAL_SUMMARIES = 27;
  public static final int DEPOSIT_REQUESTS_START_INDEX = 28;
  public static final int DEPOSIT_BALANCE_TO_CONSUME = 29;
  public static final int EXIT_BALANCE_TO_CONSUME = 30;
  public static final int EARLIEST_EXIT_EPOCH = 31;
  public static final int CONSOLIDATION_BALANCE_TO_CONSUME = 32;
  public static final int EARLIEST_CONSOLIDATION_EPOCH = 33;
  public static final int PENDING_DEPOSITS = 34;
  public static final int PENDING_PARTIAL_WITHDRAWALS = 35;
  public static final int PENDING_CONSOLIDATIONS = 36;
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 37;

  private volatile TransientCaches caches;

  protected BeaconState(ContainerType<? extends BeaconState> type, Object[] values) {
    super(type, values);
  }

  /** Derived data kept with this state (not part of its SSZ content); see {@link TransientCaches}. */
  public TransientCaches caches() {
    TransientCaches c = caches;
    if (c == null) {
      synchronized (this) {
        c = caches;
        if (c == null) {
          c = new TransientCaches();
          caches = c;
        }
      }
    }
    return c;
  }

  /** Gives this freshly made state the caches of the state it was derived from. */
  public void adoptCaches(TransientCaches derivedFrom) {
    this.caches = derivedFrom;
  }

  /** {@code genesis_time}: {@code uint64}. */
  public UInt64 genesisTime() {
    return (UInt64) get(GENESIS_TIME);
  }

  /** {@code genesis_validators_root}: {@code Root}. */
  public Bytes32 genesisValidatorsRoot() {
    return (Bytes32) get(GENESIS_VALIDATORS_ROOT);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(SLOT);
  }

  /** {@code fork}: {@code Fork}. */
  public Fork fork() {
    return (Fork) get(FORK);
  }

  /** {@code latest_block_header}: {@code BeaconBlockHeader}. */
  public BeaconBlockHeader latestBlockHeader() {
    return (BeaconBlockHeader) get(LATEST_BLOCK_HEADER);
  }

  /** {@code block_roots}: {@code Vector[Root, SLOTS_PER_HISTORICAL_ROOT]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> blockRoots() {
    return (SszList<Bytes32>) get(BLOCK_ROOTS);
  }

  /** {@code state_roots}: {@code Vector[Root, SLOTS_PER_HISTORICAL_ROOT]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> stateRoots() {
    return (SszList<Bytes32>) get(STATE_ROOTS);
  }

  /** {@code historical_roots}: {@code List[Root, HISTORICAL_ROOTS_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> historicalRoots() {
    return (SszList<Bytes32>) get(HISTORICAL_ROOTS);
  }

  /** {@code eth1_data}: {@code Eth1Data}. */
  public Eth1Data eth1Data() {
    return (Eth1Data) get(ETH1_DATA);
  }

  /**
   * {@code eth1_data_votes}:
   * {@code List[Eth1Data, EPOCHS_PER_ETH1_VOTING_PERIOD * SLOTS_PER_EPOCH]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Eth1Data> eth1DataVotes() {
    return (SszList<Eth1Data>) get(ETH1_DATA_VOTES);
  }

  /** {@code eth1_deposit_index}: {@code uint64}. */
  public UInt64 eth1DepositIndex() {
    return (UInt64) get(ETH1_DEPOSIT_INDEX);
  }

  /** {@code validators}: {@code List[Validator, VALIDATOR_REGISTRY_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<Validator> validators() {
    return (SszList<Validator>) get(VALIDATORS);
  }

  /** {@code balances}: {@code List[Gwei, VALIDATOR_REGISTRY_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> balances() {
    return (SszList<UInt64>) get(BALANCES);
  }

  /** {@code randao_mixes}: {@code Vector[Bytes32, EPOCHS_PER_HISTORICAL_VECTOR]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> randaoMixes() {
    return (SszList<Bytes32>) get(RANDAO_MIXES);
  }

  /** {@code slashings}: {@code Vector[Gwei, EPOCHS_PER_SLASHINGS_VECTOR]}. */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> slashings() {
    return (SszList<UInt64>) get(SLASHINGS);
  }

  /**
   * {@code previous_epoch_participation}:
   * {@code List[ParticipationFlags, VALIDATOR_REGISTRY_LIMIT]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Integer> previousEpochParticipation() {
    return (SszList<Integer>) get(PREVIOUS_EPOCH_PARTICIPATION);
  }

  /**
   * {@code current_epoch_participation}:
   * {@code List[ParticipationFlags, VALIDATOR_REGISTRY_LIMIT]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Integer> currentEpochParticipation() {
    return (SszList<Integer>) get(CURRENT_EPOCH_PARTICIPATION);
  }

  /** {@code justification_bits}: {@code Bitvector[JUSTIFICATION_BITS_LENGTH]}. */
  public SszBits justificationBits() {
    return (SszBits) get(JUSTIFICATION_BITS);
  }

  /** {@code previous_justified_checkpoint}: {@code Checkpoint}. */
  public Checkpoint previousJustifiedCheckpoint() {
    return (Checkpoint) get(PREVIOUS_JUSTIFIED_CHECKPOINT);
  }

  /** {@code current_justified_checkpoint}: {@code Checkpoint}. */
  public Checkpoint currentJustifiedCheckpoint() {
    return (Checkpoint) get(CURRENT_JUSTIFIED_CHECKPOINT);
  }

  /** {@code finalized_checkpoint}: {@code Checkpoint}. */
  public Checkpoint finalizedCheckpoint() {
    return (Checkpoint) get(FINALIZED_CHECKPOINT);
  }

  /** {@code inactivity_scores}: {@code List[uint64, VALIDATOR_REGISTRY_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> inactivityScores() {
    return (SszList<UInt64>) get(INACTIVITY_SCORES);
  }

  /** {@code current_sync_committee}: {@code SyncCommittee}. */
  public SyncCommittee currentSyncCommittee() {
    return (SyncCommittee) get(CURRENT_SYNC_COMMITTEE);
  }

  /** {@code next_sync_committee}: {@code SyncCommittee}. */
  public SyncCommittee nextSyncCommittee() {
    return (SyncCommittee) get(NEXT_SYNC_COMMITTEE);
  }

  /** {@code latest_execution_payload_header}: {@code ExecutionPayloadHeader}. */
  public ExecutionPayloadHeader latestExecutionPayloadHeader() {
    return (ExecutionPayloadHeader) get(LATEST_EXECUTION_PAYLOAD_HEADER);
  }

  /** {@code next_withdrawal_index}: {@code WithdrawalIndex}. */
  public UInt64 nextWithdrawalIndex() {
    return (UInt64) get(NEXT_WITHDRAWAL_INDEX);
  }

  /** {@code next_withdrawal_validator_index}: {@code ValidatorIndex}. */
  public UInt64 nextWithdrawalValidatorIndex() {
    return (UInt64) get(NEXT_WITHDRAWAL_VALIDATOR_INDEX);
  }

  /** {@code historical_summaries}: {@code List[HistoricalSummary, HISTORICAL_ROOTS_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<HistoricalSummary> historicalSummaries() {
    return (SszList<HistoricalSummary>) get(HISTORICAL_SUMMARIES);
  }

  /** {@code deposit_requests_start_index}: {@code uint64}. */
  public UInt64 depositRequestsStartIndex() {
    return (UInt64) get(DEPOSIT_REQUESTS_START_INDEX);
  }

  /** {@code deposit_balance_to_consume}: {@code Gwei}. */
  public UInt64 depositBalanceToConsume() {
    return (UInt64) get(DEPOSIT_BALANCE_TO_CONSUME);
  }

  /** {@code exit_balance_to_consume}: {@code Gwei}. */
  public UInt64 exitBalanceToConsume() {
    return (UInt64) get(EXIT_BALANCE_TO_CONSUME);
  }

  /** {@code earliest_exit_epoch}: {@code Epoch}. */
  public UInt64 earliestExitEpoch() {
    return (UInt64) get(EARLIEST_EXIT_EPOCH);
  }

  /** {@code consolidation_balance_to_consume}: {@code Gwei}. */
  public UInt64 consolidationBalanceToConsume() {
    return (UInt64) get(CONSOLIDATION_BALANCE_TO_CONSUME);
  }

  /** {@code earliest_consolidation_epoch}: {@code Epoch}. */
  public UInt64 earliestConsolidationEpoch() {
    return (UInt64) get(EARLIEST_CONSOLIDATION_EPOCH);
  }

  /** {@code pending_deposits}: {@code List[PendingDeposit, PENDING_DEPOSITS_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<PendingDeposit> pendingDeposits() {
    return (SszList<PendingDeposit>) get(PENDING_DEPOSITS);
  }

  /**
   * {@code pending_partial_withdrawals}:
   * {@code List[PendingPartialWithdrawal, PENDING_PARTIAL_WITHDRAWALS_LIMIT]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<PendingPartialWithdrawal> pendingPartialWithdrawals() {
    return (SszList<PendingPartialWithdrawal>) get(PENDING_PARTIAL_WITHDRAWALS);
  }

  /**
   * {@code pending_consolidations}:
   * {@code List[PendingConsolidation, PENDING_CONSOLIDATIONS_LIMIT]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<PendingConsolidation> pendingConsolidations() {
    return (SszList<PendingConsolidation>) get(PENDING_CONSOLIDATIONS);
  }

  /** A copy with {@code genesis_time} replaced. */
  public BeaconState withGenesisTime(UInt64 genesisTime) {
    return with(GENESIS_TIME, genesisTime);
  }

  /** A copy with {@code genesis_validators_root} replaced. */
  public BeaconState withGenesisValidatorsRoot(Bytes32 genesisValidatorsRoot) {
    return with(GENESIS_VALIDATORS_ROOT, genesisValidatorsRoot);
  }

  /** A copy with {@code slot} replaced. */
  public BeaconState withSlot(UInt64 slot) {
    return with(SLOT, slot);
  }

  /** A copy with {@code fork} replaced. */
  public BeaconState withFork(Fork fork) {
    return with(FORK, fork);
  }

  /** A copy with {@code latest_block_header} replaced. */
  public BeaconState withLatestBlockHeader(BeaconBlockHeader latestBlockHeader) {
    return with(LATEST_BLOCK_HEADER, latestBlockHeader);
  }

  /** A copy with {@code block_roots} replaced. */
  public BeaconState withBlockRoots(SszList<Bytes32> blockRoots) {
    return with(BLOCK_ROOTS, blockRoots);
  }

  /** A copy with {@code state_roots} replaced. */
  public BeaconState withStateRoots(SszList<Bytes32> stateRoots) {
    return with(STATE_ROOTS, stateRoots);
  }

  /** A copy with {@code historical_roots} replaced. */
  public BeaconState withHistoricalRoots(SszList<Bytes32> historicalRoots) {
    return with(HISTORICAL_ROOTS, historicalRoots);
  }

  /** A copy with {@code eth1_data} replaced. */
  public BeaconState withEth1Data(Eth1Data eth1Data) {
    return with(ETH1_DATA, eth1Data);
  }

  /** A copy with {@code eth1_data_votes} replaced. */
  public BeaconState withEth1DataVotes(SszList<Eth1Data> eth1DataVotes) {
    return with(ETH1_DATA_VOTES, eth1DataVotes);
  }

  /** A copy with {@code eth1_deposit_index} replaced. */
  public BeaconState withEth1DepositIndex(UInt64 eth1DepositIndex) {
    return with(ETH1_DEPOSIT_INDEX, eth1DepositIndex);
  }

  /** A copy with {@code validators} replaced. */
  public BeaconState withValidators(SszList<Validator> validators) {
    return with(VALIDATORS, validators);
  }

  /** A copy with {@code balances} replaced. */
  public BeaconState withBalances(SszList<UInt64> balances) {
    return with(BALANCES, balances);
  }

  /** A copy with {@code randao_mixes} replaced. */
  public BeaconState withRandaoMixes(SszList<Bytes32> randaoMixes) {
    return with(RANDAO_MIXES, randaoMixes);
  }

  /** A copy with {@code slashings} replaced. */
  public BeaconState withSlashings(SszList<UInt64> slashings) {
    return with(SLASHINGS, slashings);
  }

  /** A copy with {@code previous_epoch_participation} replaced. */
  public BeaconState withPreviousEpochParticipation(SszList<Integer> previousEpochParticipation) {
    return with(PREVIOUS_EPOCH_PARTICIPATION, previousEpochParticipation);
  }

  /** A copy with {@code current_epoch_participation} replaced. */
  public BeaconState withCurrentEpochParticipation(SszList<Integer> currentEpochParticipation) {
    return with(CURRENT_EPOCH_PARTICIPATION, currentEpochParticipation);
  }

  /** A copy with {@code justification_bits} replaced. */
  public BeaconState withJustificationBits(SszBits justificationBits) {
    return with(JUSTIFICATION_BITS, justificationBits);
  }

  /** A copy with {@code previous_justified_checkpoint} replaced. */
  public BeaconState withPreviousJustifiedCheckpoint(Checkpoint previousJustifiedCheckpoint) {
    return with(PREVIOUS_JUSTIFIED_CHECKPOINT, previousJustifiedCheckpoint);
  }

  /** A copy with {@code current_justified_checkpoint} replaced. */
  public BeaconState withCurrentJustifiedCheckpoint(Checkpoint currentJustifiedCheckpoint) {
    return with(CURRENT_JUSTIFIED_CHECKPOINT, currentJustifiedCheckpoint);
  }

  /** A copy with {@code finalized_checkpoint} replaced. */
  public BeaconState withFinalizedCheckpoint(Checkpoint finalizedCheckpoint) {
    return with(FINALIZED_CHECKPOINT, finalizedCheckpoint);
  }

  /** A copy with {@code inactivity_scores} replaced. */
  public BeaconState withInactivityScores(SszList<UInt64> inactivityScores) {
    return with(INACTIVITY_SCORES, inactivityScores);
  }

  /** A copy with {@code current_sync_committee} replaced. */
  public BeaconState withCurrentSyncCommittee(SyncCommittee currentSyncCommittee) {
    return with(CURRENT_SYNC_COMMITTEE, currentSyncCommittee);
  }

  /** A copy with {@code next_sync_committee} replaced. */
  public BeaconState withNextSyncCommittee(SyncCommittee nextSyncCommittee) {
    return with(NEXT_SYNC_COMMITTEE, nextSyncCommittee);
  }

  /** A copy with {@code latest_execution_payload_header} replaced. */
  public BeaconState withLatestExecutionPayloadHeader(
      ExecutionPayloadHeader latestExecutionPayloadHeader) {
    return with(LATEST_EXECUTION_PAYLOAD_HEADER, latestExecutionPayloadHeader);
  }

  /** A copy with {@code next_withdrawal_index} replaced. */
  public BeaconState withNextWithdrawalIndex(UInt64 nextWithdrawalIndex) {
    return with(NEXT_WITHDRAWAL_INDEX, nextWithdrawalIndex);
  }

  /** A copy with {@code next_withdrawal_validator_index} replaced. */
  public BeaconState withNextWithdrawalValidatorIndex(UInt64 nextWithdrawalValidatorIndex) {
    return with(NEXT_WITHDRAWAL_VALIDATOR_INDEX, nextWithdrawalValidatorIndex);
  }

  /** A copy with {@code historical_summaries} replaced. */
  public BeaconState withHistoricalSummaries(SszList<HistoricalSummary> historicalSummaries) {
    return with(HISTORICAL_SUMMARIES, historicalSummaries);
  }

  /** A copy with {@code deposit_requests_start_index} replaced. */
  public BeaconState withDepositRequestsStartIndex(UInt64 depositRequestsStartIndex) {
    return with(DEPOSIT_REQUESTS_START_INDEX, depositRequestsStartIndex);
  }

  /** A copy with {@code deposit_balance_to_consume} replaced. */
  public BeaconState withDepositBalanceToConsume(UInt64 depositBalanceToConsume) {
    return with(DEPOSIT_BALANCE_TO_CONSUME, depositBalanceToConsume);
  }

  /** A copy with {@code exit_balance_to_consume} replaced. */
  public BeaconState withExitBalanceToConsume(UInt64 exitBalanceToConsume) {
    return with(EXIT_BALANCE_TO_CONSUME, exitBalanceToConsume);
  }

  /** A copy with {@code earliest_exit_epoch} replaced. */
  public BeaconState withEarliestExitEpoch(UInt64 earliestExitEpoch) {
    return with(EARLIEST_EXIT_EPOCH, earliestExitEpoch);
  }

  /** A copy with {@code consolidation_balance_to_consume} replaced. */
  public BeaconState withConsolidationBalanceToConsume(UInt64 consolidationBalanceToConsume) {
    return with(CONSOLIDATION_BALANCE_TO_CONSUME, consolidationBalanceToConsume);
  }

  /** A copy with {@code earliest_consolidation_epoch} replaced. */
  public BeaconState withEarliestConsolidationEpoch(UInt64 earliestConsolidationEpoch) {
    return with(EARLIEST_CONSOLIDATION_EPOCH, earliestConsolidationEpoch);
  }

  /** A copy with {@code pending_deposits} replaced. */
  public BeaconState withPendingDeposits(SszList<PendingDeposit> pendingDeposits) {
    return with(PENDING_DEPOSITS, pendingDeposits);
  }

  /** A copy with {@code pending_partial_withdrawals} replaced. */
  public BeaconState withPendingPartialWithdrawals(
      SszList<PendingPartialWithdrawal> pendingPartialWithdrawals) {
    return with(PENDING_PARTIAL_WITHDRAWALS, pendingPartialWithdrawals);
  }

  /** A copy with {@code pending_consolidations} replaced. */
  public BeaconState withPendingConsolidations(
      SszList<PendingConsolidation> pendingConsolidations) {
    return with(PENDING_CONSOLIDATIONS, pendingConsolidations);
  }
}
