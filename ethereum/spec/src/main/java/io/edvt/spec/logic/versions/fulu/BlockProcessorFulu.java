package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The spec's block processing (Fulu {@code process_block}): the header, RANDAO and eth1 vote
 * here, every other part in a focused class reached through this one (withdrawals, the
 * execution payload, attestations, slashings, exits, credential changes, execution requests,
 * the sync aggregate). The parts arrive complete in a {@link Parts} record; a later milestone
 * replaces the parts it changes ({@code Parts.fulu(helpers).withAttestations(...)}) and
 * overrides the few steps that live here.
 *
 * <p>Every signature is checked through the {@link SignatureVerifier} the caller passes: with a
 * {@link SignatureVerifier.Batch} the block's signatures (RANDAO reveal, slashings,
 * attestations, exits, credential changes, sync aggregate) are only collected here, and the
 * caller rejects the block if {@link SignatureVerifier.Batch#verifyAll()} fails afterwards.
 *
 * <p>All methods mutate the given {@link MutableBeaconState}; when one throws
 * {@link StateTransitionException} the block is invalid and the caller drops the working copy.
 */
public class BlockProcessorFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;

  private final WithdrawalsFulu withdrawals;
  private final ExecutionPayloadProcessingFulu executionPayload;
  private final SlashingProcessingFulu slashings;
  private final AttestationProcessingFulu attestations;
  private final VoluntaryExitProcessingFulu voluntaryExits;
  private final BlsToExecutionChangeProcessingFulu blsToExecutionChanges;
  private final ExecutionRequestsProcessingFulu executionRequests;
  private final SyncAggregateProcessingFulu syncAggregate;

  /** The parts {@code process_block} delegates to, one per group of operations. */
  public record Parts(
      WithdrawalsFulu withdrawals,
      ExecutionPayloadProcessingFulu executionPayload,
      SlashingProcessingFulu slashings,
      AttestationProcessingFulu attestations,
      VoluntaryExitProcessingFulu voluntaryExits,
      BlsToExecutionChangeProcessingFulu blsToExecutionChanges,
      ExecutionRequestsProcessingFulu executionRequests,
      SyncAggregateProcessingFulu syncAggregate) {

    /** Fulu's parts. */
    public static Parts fulu(FuluHelpers helpers) {
      return new Parts(new WithdrawalsFulu(helpers), new ExecutionPayloadProcessingFulu(helpers),
          new SlashingProcessingFulu(helpers), new AttestationProcessingFulu(helpers),
          new VoluntaryExitProcessingFulu(helpers), new BlsToExecutionChangeProcessingFulu(helpers),
          new ExecutionRequestsProcessingFulu(helpers), new SyncAggregateProcessingFulu(helpers));
    }

    public Parts withWithdrawals(WithdrawalsFulu part) {
      return new Parts(part, executionPayload, slashings, attestations, voluntaryExits, blsToExecutionChanges,
          executionRequests, syncAggregate);
    }

    public Parts withSlashings(SlashingProcessingFulu part) {
      return new Parts(withdrawals, executionPayload, part, attestations, voluntaryExits, blsToExecutionChanges,
          executionRequests, syncAggregate);
    }

    public Parts withAttestations(AttestationProcessingFulu part) {
      return new Parts(withdrawals, executionPayload, slashings, part, voluntaryExits, blsToExecutionChanges,
          executionRequests, syncAggregate);
    }

    public Parts withVoluntaryExits(VoluntaryExitProcessingFulu part) {
      return new Parts(withdrawals, executionPayload, slashings, attestations, part, blsToExecutionChanges,
          executionRequests, syncAggregate);
    }

    public Parts withExecutionRequests(ExecutionRequestsProcessingFulu part) {
      return new Parts(withdrawals, executionPayload, slashings, attestations, voluntaryExits, blsToExecutionChanges,
          part, syncAggregate);
    }

    public Parts withSyncAggregate(SyncAggregateProcessingFulu part) {
      return new Parts(withdrawals, executionPayload, slashings, attestations, voluntaryExits, blsToExecutionChanges,
          executionRequests, part);
    }
  }

  /** Fulu's block processing. */
  public BlockProcessorFulu(FuluHelpers helpers) {
    this(helpers, Parts.fulu(helpers));
  }

  public BlockProcessorFulu(FuluHelpers helpers, Parts parts) {
    this.config = helpers.config();
    this.misc = helpers.misc();
    this.accessors = helpers.accessors();
    this.withdrawals = parts.withdrawals();
    this.executionPayload = parts.executionPayload();
    this.slashings = parts.slashings();
    this.attestations = parts.attestations();
    this.voluntaryExits = parts.voluntaryExits();
    this.blsToExecutionChanges = parts.blsToExecutionChanges();
    this.executionRequests = parts.executionRequests();
    this.syncAggregate = parts.syncAggregate();
  }

  public WithdrawalsFulu withdrawals() {
    return withdrawals;
  }

  public SyncAggregateProcessingFulu syncAggregateProcessing() {
    return syncAggregate;
  }

  // ------------------------------------------------------------------ process_block

  /**
   * {@code process_block} (Fulu). Signatures go through {@code verifier} (see the class
   * comment); {@code engine} answers {@code verify_and_notify_new_payload}.
   *
   * @throws StateTransitionException if the block is invalid for {@code state}
   */
  public void processBlock(MutableBeaconState state, BeaconBlock block, SignatureVerifier verifier, ExecutionEngine engine) {
    processBlock(state, block, verifier, engine, BlockProcessingObserver.NONE);
  }

  /** {@code process_block}, with {@code observer} called around the steps that pay the proposer. */
  public void processBlock(MutableBeaconState state, BeaconBlock block, SignatureVerifier verifier, ExecutionEngine engine,
      BlockProcessingObserver observer) {
    BeaconBlockBody body = block.body();
    processBlockHeader(state, block);
    processWithdrawals(state, body.executionPayload());
    processExecutionPayload(state, body, engine);
    processRandao(state, body, verifier);
    processEth1Data(state, body);
    processOperations(state, body, verifier, observer);
    observer.before(BlockProcessingObserver.Step.SYNC_AGGREGATE, state);
    processSyncAggregate(state, body.syncAggregate(), verifier);
    observer.after(BlockProcessingObserver.Step.SYNC_AGGREGATE, state);
  }

  /** {@code process_block_header} (phase0). */
  public void processBlockHeader(MutableBeaconState state, BeaconBlock block) {
    StateTransitionException.check(block.slot().equals(state.slot()), "block.slot == state.slot", block.slot(), state.slot());
    BeaconBlockHeader latest = state.latestBlockHeader();
    StateTransitionException.check(block.slot().isGreaterThan(latest.slot()),
        "block.slot > state.latest_block_header.slot", block.slot(), latest.slot());
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    StateTransitionException.check(block.proposerIndex().equals(UInt64.valueOf(proposerIndex)),
        "block.proposer_index == get_beacon_proposer_index(state)", block.proposerIndex(), proposerIndex);
    Bytes32 latestRoot = latest.hashTreeRoot();
    StateTransitionException.check(block.parentRoot().equals(latestRoot),
        "block.parent_root == hash_tree_root(state.latest_block_header)", block.parentRoot(), latestRoot);
    // Cache current block as the new latest block; its state root is filled in by the next process_slot
    state.setLatestBlockHeader(BeaconBlockHeader.create(
        block.slot(), block.proposerIndex(), block.parentRoot(), Bytes32.ZERO, block.body().hashTreeRoot()));

    Validator proposer = state.validators().get(proposerIndex);
    StateTransitionException.check(!proposer.slashed(), "not proposer.slashed", "validator " + proposerIndex);
  }

  /** {@code process_withdrawals} (Electra). */
  public void processWithdrawals(MutableBeaconState state, ExecutionPayload payload) {
    withdrawals.processWithdrawals(state, payload);
  }

  /** {@code get_expected_withdrawals} (Electra): the withdrawals and the processed counts. */
  public WithdrawalsFulu.ExpectedWithdrawals getExpectedWithdrawals(MutableBeaconState state) {
    return withdrawals.getExpectedWithdrawals(state);
  }

  /** {@code process_execution_payload} (Fulu). */
  public void processExecutionPayload(MutableBeaconState state, BeaconBlockBody body, ExecutionEngine engine) {
    executionPayload.processExecutionPayload(state, body, engine);
  }

  /** {@code process_randao} (phase0): checks the reveal and mixes it in. */
  public void processRandao(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier) {
    UInt64 epoch = accessors.getCurrentEpoch(state);
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    Validator proposer = state.validators().get(proposerIndex);
    Bytes32 signingRoot = misc.computeSigningRoot(epoch, accessors.getDomain(state, DOMAIN_RANDAO, null));
    StateTransitionException.check(
        verifier.verify(PubkeyIndex.of(state).publicKey(proposer.pubkey()), signingRoot, body.randaoReveal()),
        "bls.Verify(proposer.pubkey, signing_root, body.randao_reveal)", "proposer " + proposerIndex);
    Bytes32 mix = accessors.getRandaoMix(state, epoch).xor(Bytes32.wrap(Sha256.hash(body.randaoReveal().toArrayUnsafe())));
    state.randaoMixes().set(epoch.mod(config.epochsPerHistoricalVector()).intValue(), mix);
  }

  /** {@code process_eth1_data} (phase0): records the vote; a majority of the period adopts it. */
  public void processEth1Data(MutableBeaconState state, BeaconBlockBody body) {
    Eth1Data vote = body.eth1Data();
    SszListEditor<Eth1Data> votes = state.eth1DataVotes();
    votes.append(vote);
    long count = 0;
    for (int i = 0; i < votes.size(); i++) {
      if (votes.get(i).equals(vote)) {
        count++;
      }
    }
    if (count * 2 > (long) config.epochsPerEth1VotingPeriod() * config.slotsPerEpoch()) {
      state.setEth1Data(vote);
    }
  }

  /**
   * {@code process_operations} (Fulu: the eth1 deposit path is gone, so a block carries no
   * deposits).
   */
  public void processOperations(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier) {
    processOperations(state, body, verifier, BlockProcessingObserver.NONE);
  }

  /** {@code process_operations}, with {@code observer} called around each slashing and attestation. */
  protected void processOperations(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier,
      BlockProcessingObserver observer) {
    StateTransitionException.check(body.deposits().isEmpty(), "len(body.deposits) == 0", body.deposits().size());

    for (ProposerSlashing op : body.proposerSlashings()) {
      observer.before(BlockProcessingObserver.Step.PROPOSER_SLASHING, state);
      processProposerSlashing(state, op, verifier);
      observer.after(BlockProcessingObserver.Step.PROPOSER_SLASHING, state);
    }
    for (AttesterSlashing op : body.attesterSlashings()) {
      observer.before(BlockProcessingObserver.Step.ATTESTER_SLASHING, state);
      processAttesterSlashing(state, op, verifier);
      observer.after(BlockProcessingObserver.Step.ATTESTER_SLASHING, state);
    }
    for (Attestation op : body.attestations()) {
      observer.before(BlockProcessingObserver.Step.ATTESTATION, state);
      processAttestation(state, op, verifier);
      observer.after(BlockProcessingObserver.Step.ATTESTATION, state);
    }
    for (SignedVoluntaryExit op : body.voluntaryExits()) {
      processVoluntaryExit(state, op, verifier);
    }
    for (SignedBLSToExecutionChange op : body.blsToExecutionChanges()) {
      processBlsToExecutionChange(state, op, verifier);
    }
    ExecutionRequests requests = body.executionRequests();
    for (DepositRequest op : requests.deposits()) {
      processDepositRequest(state, op);
    }
    for (WithdrawalRequest op : requests.withdrawals()) {
      processWithdrawalRequest(state, op);
    }
    for (ConsolidationRequest op : requests.consolidations()) {
      processConsolidationRequest(state, op);
    }
  }

  /** {@code process_proposer_slashing} (phase0). */
  public void processProposerSlashing(MutableBeaconState state, ProposerSlashing proposerSlashing, SignatureVerifier verifier) {
    slashings.processProposerSlashing(state, proposerSlashing, verifier);
  }

  /** {@code process_attester_slashing} (phase0). */
  public void processAttesterSlashing(MutableBeaconState state, AttesterSlashing attesterSlashing, SignatureVerifier verifier) {
    slashings.processAttesterSlashing(state, attesterSlashing, verifier);
  }

  /** {@code process_attestation} (Electra). */
  public void processAttestation(MutableBeaconState state, Attestation attestation, SignatureVerifier verifier) {
    attestations.processAttestation(state, attestation, verifier);
  }

  /** {@code process_voluntary_exit} (Electra). */
  public void processVoluntaryExit(MutableBeaconState state, SignedVoluntaryExit exit, SignatureVerifier verifier) {
    voluntaryExits.processVoluntaryExit(state, exit, verifier);
  }

  /** {@code process_bls_to_execution_change} (Capella). */
  public void processBlsToExecutionChange(MutableBeaconState state, SignedBLSToExecutionChange change, SignatureVerifier verifier) {
    blsToExecutionChanges.processBlsToExecutionChange(state, change, verifier);
  }

  /** {@code process_deposit_request} (Fulu). */
  public void processDepositRequest(MutableBeaconState state, DepositRequest depositRequest) {
    executionRequests.processDepositRequest(state, depositRequest);
  }

  /** {@code process_withdrawal_request} (Electra). */
  public void processWithdrawalRequest(MutableBeaconState state, WithdrawalRequest withdrawalRequest) {
    executionRequests.processWithdrawalRequest(state, withdrawalRequest);
  }

  /** {@code process_consolidation_request} (Electra). */
  public void processConsolidationRequest(MutableBeaconState state, ConsolidationRequest consolidationRequest) {
    executionRequests.processConsolidationRequest(state, consolidationRequest);
  }

  /** {@code is_valid_switch_to_compounding_request} (Electra). */
  public boolean isValidSwitchToCompoundingRequest(MutableBeaconState state, ConsolidationRequest consolidationRequest) {
    return executionRequests.isValidSwitchToCompoundingRequest(state, consolidationRequest);
  }

  /** {@code process_sync_aggregate} (Altair). */
  public void processSyncAggregate(MutableBeaconState state, SyncAggregate aggregate, SignatureVerifier verifier) {
    syncAggregate.processSyncAggregate(state, aggregate, verifier);
  }
}
