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
 * the sync aggregate). A later milestone overrides one part by overriding its factory method.
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
  protected final SpecFulu spec;
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

  public BlockProcessorFulu(SpecFulu spec) {
    this.spec = spec;
    this.config = spec.config();
    this.misc = spec.misc();
    this.accessors = spec.accessors();
    this.withdrawals = createWithdrawals();
    this.executionPayload = createExecutionPayloadProcessing();
    this.slashings = createSlashingProcessing();
    this.attestations = createAttestationProcessing();
    this.voluntaryExits = createVoluntaryExitProcessing();
    this.blsToExecutionChanges = createBlsToExecutionChangeProcessing();
    this.executionRequests = createExecutionRequestsProcessing();
    this.syncAggregate = createSyncAggregateProcessing();
  }

  // ------------------------------------------------------------------ parts (override to change one)

  protected WithdrawalsFulu createWithdrawals() {
    return new WithdrawalsFulu(spec);
  }

  protected ExecutionPayloadProcessingFulu createExecutionPayloadProcessing() {
    return new ExecutionPayloadProcessingFulu(spec);
  }

  protected SlashingProcessingFulu createSlashingProcessing() {
    return new SlashingProcessingFulu(spec);
  }

  protected AttestationProcessingFulu createAttestationProcessing() {
    return new AttestationProcessingFulu(spec);
  }

  protected VoluntaryExitProcessingFulu createVoluntaryExitProcessing() {
    return new VoluntaryExitProcessingFulu(spec);
  }

  protected BlsToExecutionChangeProcessingFulu createBlsToExecutionChangeProcessing() {
    return new BlsToExecutionChangeProcessingFulu(spec);
  }

  protected ExecutionRequestsProcessingFulu createExecutionRequestsProcessing() {
    return new ExecutionRequestsProcessingFulu(spec);
  }

  protected SyncAggregateProcessingFulu createSyncAggregateProcessing() {
    return new SyncAggregateProcessingFulu(spec);
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
    BeaconBlockBody body = block.body();
    processBlockHeader(state, block);
    processWithdrawals(state, body.executionPayload());
    processExecutionPayload(state, body, engine);
    processRandao(state, body, verifier);
    processEth1Data(state, body);
    processOperations(state, body, verifier);
    processSyncAggregate(state, body.syncAggregate(), verifier);
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
    StateTransitionException.check(body.deposits().isEmpty(), "len(body.deposits) == 0", body.deposits().size());

    for (ProposerSlashing op : body.proposerSlashings()) {
      processProposerSlashing(state, op, verifier);
    }
    for (AttesterSlashing op : body.attesterSlashings()) {
      processAttesterSlashing(state, op, verifier);
    }
    for (Attestation op : body.attestations()) {
      processAttestation(state, op, verifier);
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
