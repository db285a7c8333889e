package io.edvt.spec.datastructures.state;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The working copy of a {@link BeaconState} during a state transition, so the logic can read
 * and write the way the spec's Python does ({@code state.slot += 1},
 * {@code state.validators[i] = ...}). Scalar fields are set in place; list fields are edited
 * through {@link SszListEditor}s whose reads see earlier writes. {@link #commit()} makes the new
 * immutable state in one pass; the original is never touched, so a transition that fails part
 * way simply drops its working copy.
 *
 * <p>Later milestones reach their own fields through {@link #field}, {@link #setField} and
 * {@link #list} with their field indices.
 */
public class MutableBeaconState {
  private final BeaconState origin;
  private final Object[] values;
  private final SszListEditor<?>[] editors;
  private final TransientCaches caches;

  public MutableBeaconState(BeaconState origin) {
    this.origin = origin;
    this.values = origin.values();
    this.editors = new SszListEditor<?>[values.length];
    this.caches = origin.caches().copyForDescendant();
  }

  /** The state this working copy started from. */
  public BeaconState origin() {
    return origin;
  }

  /** Caches for this working copy; they move to the committed state. */
  public TransientCaches caches() {
    return caches;
  }

  public int fieldCount() {
    return values.length;
  }

  // ------------------------------------------------------------------ generic access

  /** The current value of a non-list field. */
  public Object field(int index) {
    if (editors[index] != null) {
      return editors[index].commit();
    }
    return values[index];
  }

  public void setField(int index, Object value) {
    editors[index] = null;
    values[index] = origin.type().checkField(index, value);
  }

  /** The editor of a list or vector field (created on first use). */
  @SuppressWarnings("unchecked")
  public <E> SszListEditor<E> list(int index) {
    SszListEditor<?> e = editors[index];
    if (e == null) {
      e = ((SszList<?>) values[index]).edit();
      editors[index] = e;
    }
    return (SszListEditor<E>) e;
  }

  /** The current value of a list field as an immutable list (commits its editor's changes so far). */
  @SuppressWarnings("unchecked")
  public <E> SszList<E> listValue(int index) {
    SszListEditor<?> e = editors[index];
    return (SszList<E>) (e == null ? values[index] : e.commit());
  }

  /** Replaces a whole list field (for bulk rewrites such as epoch processing). */
  public void setList(int index, SszList<?> value) {
    setField(index, value);
  }

  /** The new immutable state; this working copy may be used further and committed again. */
  public BeaconState commit() {
    Object[] out = values.clone();
    for (int i = 0; i < editors.length; i++) {
      if (editors[i] != null) {
        out[i] = editors[i].commit();
      }
    }
    @SuppressWarnings("unchecked")
    ContainerType<BeaconState> type = (ContainerType<BeaconState>) origin.type();
    BeaconState state = type.create(out);
    state.adoptCaches(caches.copyForDescendant());
    return state;
  }

  /**
   * {@link #commit()}, after which this working copy continues from the committed state: its
   * pending edits are folded in, so the next commit costs only the changes made after this one
   * (the state transition does this once per slot to get {@code hash_tree_root(state)}).
   * Editors obtained before this call are detached from the working copy; fetch them again.
   * {@link #origin()} stays the state the working copy started from.
   */
  public BeaconState commitAndContinue() {
    BeaconState state = commit();
    Object[] committed = state.values();
    System.arraycopy(committed, 0, values, 0, values.length);
    java.util.Arrays.fill(editors, null);
    return state;
  }

  // ------------------------------------------------------------------ typed fields

  public UInt64 genesisTime() {
    return (UInt64) values[BeaconState.GENESIS_TIME];
  }

  public Bytes32 genesisValidatorsRoot() {
    return (Bytes32) values[BeaconState.GENESIS_VALIDATORS_ROOT];
  }

  public UInt64 slot() {
    return (UInt64) values[BeaconState.SLOT];
  }

  public void setSlot(UInt64 slot) {
    setField(BeaconState.SLOT, slot);
  }

  public Fork fork() {
    return (Fork) values[BeaconState.FORK];
  }

  public void setFork(Fork fork) {
    setField(BeaconState.FORK, fork);
  }

  public BeaconBlockHeader latestBlockHeader() {
    return (BeaconBlockHeader) values[BeaconState.LATEST_BLOCK_HEADER];
  }

  public void setLatestBlockHeader(BeaconBlockHeader header) {
    setField(BeaconState.LATEST_BLOCK_HEADER, header);
  }

  public SszListEditor<Bytes32> blockRoots() {
    return list(BeaconState.BLOCK_ROOTS);
  }

  public SszListEditor<Bytes32> stateRoots() {
    return list(BeaconState.STATE_ROOTS);
  }

  public SszListEditor<Bytes32> historicalRoots() {
    return list(BeaconState.HISTORICAL_ROOTS);
  }

  public Eth1Data eth1Data() {
    return (Eth1Data) values[BeaconState.ETH1_DATA];
  }

  public void setEth1Data(Eth1Data data) {
    setField(BeaconState.ETH1_DATA, data);
  }

  public SszListEditor<Eth1Data> eth1DataVotes() {
    return list(BeaconState.ETH1_DATA_VOTES);
  }

  public UInt64 eth1DepositIndex() {
    return (UInt64) values[BeaconState.ETH1_DEPOSIT_INDEX];
  }

  public void setEth1DepositIndex(UInt64 index) {
    setField(BeaconState.ETH1_DEPOSIT_INDEX, index);
  }

  public SszListEditor<Validator> validators() {
    return list(BeaconState.VALIDATORS);
  }

  public SszListEditor<UInt64> balances() {
    return list(BeaconState.BALANCES);
  }

  public SszListEditor<Bytes32> randaoMixes() {
    return list(BeaconState.RANDAO_MIXES);
  }

  public SszListEditor<UInt64> slashings() {
    return list(BeaconState.SLASHINGS);
  }

  public SszListEditor<Integer> previousEpochParticipation() {
    return list(BeaconState.PREVIOUS_EPOCH_PARTICIPATION);
  }

  public SszListEditor<Integer> currentEpochParticipation() {
    return list(BeaconState.CURRENT_EPOCH_PARTICIPATION);
  }

  public SszBits justificationBits() {
    return (SszBits) values[BeaconState.JUSTIFICATION_BITS];
  }

  public void setJustificationBits(SszBits bits) {
    setField(BeaconState.JUSTIFICATION_BITS, bits);
  }

  public Checkpoint previousJustifiedCheckpoint() {
    return (Checkpoint) values[BeaconState.PREVIOUS_JUSTIFIED_CHECKPOINT];
  }

  public void setPreviousJustifiedCheckpoint(Checkpoint c) {
    setField(BeaconState.PREVIOUS_JUSTIFIED_CHECKPOINT, c);
  }

  public Checkpoint currentJustifiedCheckpoint() {
    return (Checkpoint) values[BeaconState.CURRENT_JUSTIFIED_CHECKPOINT];
  }

  public void setCurrentJustifiedCheckpoint(Checkpoint c) {
    setField(BeaconState.CURRENT_JUSTIFIED_CHECKPOINT, c);
  }

  public Checkpoint finalizedCheckpoint() {
    return (Checkpoint) values[BeaconState.FINALIZED_CHECKPOINT];
  }

  public void setFinalizedCheckpoint(Checkpoint c) {
    setField(BeaconState.FINALIZED_CHECKPOINT, c);
  }

  public SszListEditor<UInt64> inactivityScores() {
    return list(BeaconState.INACTIVITY_SCORES);
  }

  public SyncCommittee currentSyncCommittee() {
    return (SyncCommittee) values[BeaconState.CURRENT_SYNC_COMMITTEE];
  }

  public void setCurrentSyncCommittee(SyncCommittee c) {
    setField(BeaconState.CURRENT_SYNC_COMMITTEE, c);
  }

  public SyncCommittee nextSyncCommittee() {
    return (SyncCommittee) values[BeaconState.NEXT_SYNC_COMMITTEE];
  }

  public void setNextSyncCommittee(SyncCommittee c) {
    setField(BeaconState.NEXT_SYNC_COMMITTEE, c);
  }

  public ExecutionPayloadHeader latestExecutionPayloadHeader() {
    return (ExecutionPayloadHeader) values[BeaconState.LATEST_EXECUTION_PAYLOAD_HEADER];
  }

  public void setLatestExecutionPayloadHeader(ExecutionPayloadHeader header) {
    setField(BeaconState.LATEST_EXECUTION_PAYLOAD_HEADER, header);
  }

  public UInt64 nextWithdrawalIndex() {
    return (UInt64) values[BeaconState.NEXT_WITHDRAWAL_INDEX];
  }

  public void setNextWithdrawalIndex(UInt64 v) {
    setField(BeaconState.NEXT_WITHDRAWAL_INDEX, v);
  }

  public UInt64 nextWithdrawalValidatorIndex() {
    return (UInt64) values[BeaconState.NEXT_WITHDRAWAL_VALIDATOR_INDEX];
  }

  public void setNextWithdrawalValidatorIndex(UInt64 v) {
    setField(BeaconState.NEXT_WITHDRAWAL_VALIDATOR_INDEX, v);
  }

  public SszListEditor<HistoricalSummary> historicalSummaries() {
    return list(BeaconState.HISTORICAL_SUMMARIES);
  }

  public UInt64 depositRequestsStartIndex() {
    return (UInt64) values[BeaconState.DEPOSIT_REQUESTS_START_INDEX];
  }

  public void setDepositRequestsStartIndex(UInt64 v) {
    setField(BeaconState.DEPOSIT_REQUESTS_START_INDEX, v);
  }

  public UInt64 depositBalanceToConsume() {
    return (UInt64) values[BeaconState.DEPOSIT_BALANCE_TO_CONSUME];
  }

  public void setDepositBalanceToConsume(UInt64 v) {
    setField(BeaconState.DEPOSIT_BALANCE_TO_CONSUME, v);
  }

  public UInt64 exitBalanceToConsume() {
    return (UInt64) values[BeaconState.EXIT_BALANCE_TO_CONSUME];
  }

  public void setExitBalanceToConsume(UInt64 v) {
    setField(BeaconState.EXIT_BALANCE_TO_CONSUME, v);
  }

  public UInt64 earliestExitEpoch() {
    return (UInt64) values[BeaconState.EARLIEST_EXIT_EPOCH];
  }

  public void setEarliestExitEpoch(UInt64 v) {
    setField(BeaconState.EARLIEST_EXIT_EPOCH, v);
  }

  public UInt64 consolidationBalanceToConsume() {
    return (UInt64) values[BeaconState.CONSOLIDATION_BALANCE_TO_CONSUME];
  }

  public void setConsolidationBalanceToConsume(UInt64 v) {
    setField(BeaconState.CONSOLIDATION_BALANCE_TO_CONSUME, v);
  }

  public UInt64 earliestConsolidationEpoch() {
    return (UInt64) values[BeaconState.EARLIEST_CONSOLIDATION_EPOCH];
  }

  public void setEarliestConsolidationEpoch(UInt64 v) {
    setField(BeaconState.EARLIEST_CONSOLIDATION_EPOCH, v);
  }

  public SszListEditor<PendingDeposit> pendingDeposits() {
    return list(BeaconState.PENDING_DEPOSITS);
  }

  public SszListEditor<PendingPartialWithdrawal> pendingPartialWithdrawals() {
    return list(BeaconState.PENDING_PARTIAL_WITHDRAWALS);
  }

  public SszListEditor<PendingConsolidation> pendingConsolidations() {
    return list(BeaconState.PENDING_CONSOLIDATIONS);
  }

  /** {@code proposer_lookahead} (Fulu and later). */
  public SszListEditor<UInt64> proposerLookahead() {
    if (values.length <= BeaconStateFulu.PROPOSER_LOOKAHEAD) {
      throw new IllegalStateException("proposer_lookahead exists from Fulu on; this state is a " + origin.type().name()
          + " with " + values.length + " fields");
    }
    return list(BeaconStateFulu.PROPOSER_LOOKAHEAD);
  }
}
