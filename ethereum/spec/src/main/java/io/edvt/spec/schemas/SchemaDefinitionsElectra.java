package io.edvt.spec.schemas;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.bitlist;
import static io.edvt.infrastructure.ssz.types.SszTypes.bitvector;
import static io.edvt.infrastructure.ssz.types.SszTypes.byteList;
import static io.edvt.infrastructure.ssz.types.SszTypes.byteVector;
import static io.edvt.infrastructure.ssz.types.SszTypes.list;
import static io.edvt.infrastructure.ssz.types.SszTypes.vector;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.BYTES32;
import static io.edvt.spec.datastructures.SpecTypes.CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_ADDRESS;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_PAYLOAD_GINDEX;
import static io.edvt.spec.datastructures.SpecTypes.FINALIZED_ROOT_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;
import static io.edvt.spec.datastructures.SpecTypes.HASH32;
import static io.edvt.spec.datastructures.SpecTypes.JUSTIFICATION_BITS_LENGTH;
import static io.edvt.spec.datastructures.SpecTypes.KZG_COMMITMENT;
import static io.edvt.spec.datastructures.SpecTypes.NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.PARTICIPATION_FLAGS;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.SLOT;
import static io.edvt.spec.datastructures.SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT;
import static io.edvt.spec.datastructures.SpecTypes.UINT256;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.WITHDRAWAL_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.floorLog2;
import static io.edvt.spec.schemas.ContainerTypes.container;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.BitlistType;
import io.edvt.infrastructure.ssz.types.ByteListType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ContainerType.Field;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.VectorType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.Eth1Block;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.PowBlock;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.lightclient.LightClientBootstrap;
import io.edvt.spec.datastructures.lightclient.LightClientFinalityUpdate;
import io.edvt.spec.datastructures.lightclient.LightClientHeader;
import io.edvt.spec.datastructures.lightclient.LightClientOptimisticUpdate;
import io.edvt.spec.datastructures.lightclient.LightClientUpdate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.BLSToExecutionChange;
import io.edvt.spec.datastructures.operations.Deposit;
import io.edvt.spec.datastructures.operations.DepositData;
import io.edvt.spec.datastructures.operations.DepositMessage;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.datastructures.state.ForkData;
import io.edvt.spec.datastructures.state.HistoricalSummary;
import io.edvt.spec.datastructures.state.PendingConsolidation;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.datastructures.state.PendingPartialWithdrawal;
import io.edvt.spec.datastructures.state.SigningData;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.datastructures.validator.AggregateAndProof;
import io.edvt.spec.datastructures.validator.ContributionAndProof;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncAggregatorSelectionData;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The SSZ types of the Electra milestone for one config: every container whose layout depends on
 * the preset, built with that preset's limits, and the preset-dependent list types the state
 * transition builds values of. Types whose layout is fixed are the {@code TYPE} constants of their
 * classes; {@link #typesByName()} lists both kinds.
 *
 * <h2>Extending it for a later milestone</h2>
 *
 * Each type has a public getter that builds it once, on first use, by calling a protected
 * {@code buildX()} method. A later milestone's subclass overrides only the builders of the types
 * that change; everything built from them (the block from the body, the signed block from the
 * block, ...) is rebuilt from the new types automatically, because builders read the other types
 * through the getters. Containers that gain fields expose their field list
 * ({@link #beaconBlockBodyFields()}, ...) so the subclass appends to it instead of repeating it.
 * Override {@link #registerTypes} to add or replace entries of {@link #typesByName()}.
 *
 * <p>Types are shared: all instances for equal configs return the very same type objects for
 * equal layouts (see {@link ContainerTypes}), so values move freely between milestones' schemas.
 * Instances are thread-safe.
 */
public class SchemaDefinitionsElectra {
  protected final SpecConfig config;
  private final Map<String, Object> built = new ConcurrentHashMap<>();

  public SchemaDefinitionsElectra(SpecConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public SpecConfig config() {
    return config;
  }

  /**
   * The value {@code builder} makes, built on the first call for {@code key} and cached. Builders
   * may call other getters (the lock is reentrant); {@code key} must be unique per getter.
   */
  @SuppressWarnings("unchecked")
  protected final <T> T memo(String key, Supplier<? extends T> builder) {
    Object value = built.get(key);
    if (value == null) {
      synchronized (built) {
        value = built.get(key);
        if (value == null) {
          value = Objects.requireNonNull(builder.get(), key);
          built.put(key, value);
        }
      }
    }
    return (T) value;
  }

  // ------------------------------------------------------------------ getters

  /** Bellatrix {@code Transaction}: {@code ByteList[MAX_BYTES_PER_TRANSACTION]}. */
  public ByteListType transaction() {
    return memo("Transaction", () -> byteList(config.maxBytesPerTransaction()));
  }

  /**
   * Electra {@code AggregationBits}:
   * {@code Bitlist[MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT]}.
   */
  public BitlistType aggregationBits() {
    return memo("AggregationBits", () -> bitlist(attestingIndicesLimit()));
  }

  /** {@code List[ValidatorIndex, MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT]}. */
  public ListType<UInt64> attestingIndices() {
    return memo("AttestingIndices", () -> list(VALIDATOR_INDEX, attestingIndicesLimit()));
  }

  /**
   * Phase0 {@code SignedBeaconBlockHeader}: {@link SignedBeaconBlockHeader#TYPE} through Fulu; a
   * later milestone that changes it overrides {@link #buildSignedBeaconBlockHeader()}, and
   * {@code ProposerSlashing} and the data column types follow.
   */
  public ContainerType<? extends SignedBeaconBlockHeader> signedBeaconBlockHeader() {
    return memo("SignedBeaconBlockHeader", this::buildSignedBeaconBlockHeader);
  }

  /** Phase0 {@code ProposerSlashing}: {@link ProposerSlashing#TYPE} through Fulu. */
  public ContainerType<ProposerSlashing> proposerSlashing() {
    return memo("ProposerSlashing", this::buildProposerSlashing);
  }

  /** Phase0 {@code SignedVoluntaryExit}: {@link SignedVoluntaryExit#TYPE} through Fulu. */
  public ContainerType<? extends SignedVoluntaryExit> signedVoluntaryExit() {
    return memo("SignedVoluntaryExit", this::buildSignedVoluntaryExit);
  }

  public ContainerType<SyncCommittee> syncCommittee() {
    return memo("SyncCommittee", this::buildSyncCommittee);
  }

  public ContainerType<SyncAggregate> syncAggregate() {
    return memo("SyncAggregate", this::buildSyncAggregate);
  }

  public ContainerType<Attestation> attestation() {
    return memo("Attestation", this::buildAttestation);
  }

  public ContainerType<IndexedAttestation> indexedAttestation() {
    return memo("IndexedAttestation", this::buildIndexedAttestation);
  }

  public ContainerType<AttesterSlashing> attesterSlashing() {
    return memo("AttesterSlashing", this::buildAttesterSlashing);
  }

  public ContainerType<AggregateAndProof> aggregateAndProof() {
    return memo("AggregateAndProof", this::buildAggregateAndProof);
  }

  public ContainerType<SignedAggregateAndProof> signedAggregateAndProof() {
    return memo("SignedAggregateAndProof", this::buildSignedAggregateAndProof);
  }

  public ContainerType<SyncCommitteeContribution> syncCommitteeContribution() {
    return memo("SyncCommitteeContribution", this::buildSyncCommitteeContribution);
  }

  public ContainerType<ContributionAndProof> contributionAndProof() {
    return memo("ContributionAndProof", this::buildContributionAndProof);
  }

  public ContainerType<SignedContributionAndProof> signedContributionAndProof() {
    return memo("SignedContributionAndProof", this::buildSignedContributionAndProof);
  }

  public ContainerType<? extends ExecutionPayload> executionPayload() {
    return memo("ExecutionPayload", this::buildExecutionPayload);
  }

  public ContainerType<? extends ExecutionPayloadHeader> executionPayloadHeader() {
    return memo("ExecutionPayloadHeader", this::buildExecutionPayloadHeader);
  }

  public ContainerType<? extends ExecutionRequests> executionRequests() {
    return memo("ExecutionRequests", this::buildExecutionRequests);
  }

  public ContainerType<? extends BeaconBlockBody> beaconBlockBody() {
    return memo("BeaconBlockBody", this::buildBeaconBlockBody);
  }

  public ContainerType<BeaconBlock> beaconBlock() {
    return memo("BeaconBlock", this::buildBeaconBlock);
  }

  public ContainerType<? extends SignedBeaconBlock> signedBeaconBlock() {
    return memo("SignedBeaconBlock", this::buildSignedBeaconBlock);
  }

  /** This milestone's {@code BeaconState} (a subclass returns its own milestone's). */
  public ContainerType<? extends BeaconState> beaconState() {
    return memo("BeaconState", this::buildBeaconState);
  }

  public ContainerType<LightClientHeader> lightClientHeader() {
    return memo("LightClientHeader", this::buildLightClientHeader);
  }

  public ContainerType<LightClientBootstrap> lightClientBootstrap() {
    return memo("LightClientBootstrap", this::buildLightClientBootstrap);
  }

  public ContainerType<LightClientUpdate> lightClientUpdate() {
    return memo("LightClientUpdate", this::buildLightClientUpdate);
  }

  public ContainerType<LightClientFinalityUpdate> lightClientFinalityUpdate() {
    return memo("LightClientFinalityUpdate", this::buildLightClientFinalityUpdate);
  }

  public ContainerType<LightClientOptimisticUpdate> lightClientOptimisticUpdate() {
    return memo("LightClientOptimisticUpdate", this::buildLightClientOptimisticUpdate);
  }

  /**
   * Every SSZ type of this milestone by its spec name (the {@code ssz_static} handler names), fixed
   * and preset-dependent alike. The map is unmodifiable and in a stable order.
   */
  public final Map<String, SszType<?>> typesByName() {
    return memo("typesByName", () -> {
      Map<String, SszType<?>> types = new LinkedHashMap<>();
      registerTypes(types);
      return Collections.unmodifiableMap(types);
    });
  }

  /** Adds this milestone's types to {@code types}; a subclass calls this, then adds or replaces. */
  protected void registerTypes(Map<String, SszType<?>> types) {
    // phase0
    types.put("AggregateAndProof", aggregateAndProof());
    types.put("Attestation", attestation());
    types.put("AttestationData", AttestationData.TYPE);
    types.put("AttesterSlashing", attesterSlashing());
    types.put("BeaconBlock", beaconBlock());
    types.put("BeaconBlockBody", beaconBlockBody());
    types.put("BeaconBlockHeader", BeaconBlockHeader.TYPE);
    types.put("BeaconState", beaconState());
    types.put("Checkpoint", Checkpoint.TYPE);
    types.put("Deposit", Deposit.TYPE);
    types.put("DepositData", DepositData.TYPE);
    types.put("DepositMessage", DepositMessage.TYPE);
    types.put("Eth1Block", Eth1Block.TYPE);
    types.put("Eth1Data", Eth1Data.TYPE);
    types.put("Fork", Fork.TYPE);
    types.put("ForkData", ForkData.TYPE);
    types.put("IndexedAttestation", indexedAttestation());
    types.put("ProposerSlashing", proposerSlashing());
    types.put("SignedAggregateAndProof", signedAggregateAndProof());
    types.put("SignedBeaconBlock", signedBeaconBlock());
    types.put("SignedBeaconBlockHeader", signedBeaconBlockHeader());
    types.put("SignedVoluntaryExit", signedVoluntaryExit());
    types.put("SigningData", SigningData.TYPE);
    types.put("Validator", Validator.TYPE);
    types.put("VoluntaryExit", VoluntaryExit.TYPE);
    // altair
    types.put("ContributionAndProof", contributionAndProof());
    types.put("SignedContributionAndProof", signedContributionAndProof());
    types.put("SyncAggregate", syncAggregate());
    types.put("SyncAggregatorSelectionData", SyncAggregatorSelectionData.TYPE);
    types.put("SyncCommittee", syncCommittee());
    types.put("SyncCommitteeContribution", syncCommitteeContribution());
    types.put("SyncCommitteeMessage", SyncCommitteeMessage.TYPE);
    types.put("LightClientBootstrap", lightClientBootstrap());
    types.put("LightClientFinalityUpdate", lightClientFinalityUpdate());
    types.put("LightClientHeader", lightClientHeader());
    types.put("LightClientOptimisticUpdate", lightClientOptimisticUpdate());
    types.put("LightClientUpdate", lightClientUpdate());
    // bellatrix
    types.put("ExecutionPayload", executionPayload());
    types.put("ExecutionPayloadHeader", executionPayloadHeader());
    types.put("PowBlock", PowBlock.TYPE);
    // capella
    types.put("BLSToExecutionChange", BLSToExecutionChange.TYPE);
    types.put("HistoricalSummary", HistoricalSummary.TYPE);
    types.put("SignedBLSToExecutionChange", SignedBLSToExecutionChange.TYPE);
    types.put("Withdrawal", Withdrawal.TYPE);
    // electra
    types.put("ConsolidationRequest", ConsolidationRequest.TYPE);
    types.put("DepositRequest", DepositRequest.TYPE);
    types.put("ExecutionRequests", executionRequests());
    types.put("PendingConsolidation", PendingConsolidation.TYPE);
    types.put("PendingDeposit", PendingDeposit.TYPE);
    types.put("PendingPartialWithdrawal", PendingPartialWithdrawal.TYPE);
    types.put("SingleAttestation", SingleAttestation.TYPE);
    types.put("WithdrawalRequest", WithdrawalRequest.TYPE);
  }

  // ------------------------------------------------------------------ limits

  /** {@code MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT}: one slot's attesters. */
  protected long attestingIndicesLimit() {
    return (long) config.maxValidatorsPerCommittee() * config.maxCommitteesPerSlot();
  }

  /** {@code floorlog2(EXECUTION_PAYLOAD_GINDEX)}: the length of {@code ExecutionBranch}. */
  protected int executionBranchDepth() {
    return floorLog2(EXECUTION_PAYLOAD_GINDEX);
  }

  /** {@code floorlog2(FINALIZED_ROOT_GINDEX_ELECTRA)}: the length of {@code FinalityBranch}. */
  protected int finalityBranchDepth() {
    return floorLog2(FINALIZED_ROOT_GINDEX_ELECTRA);
  }

  /** {@code floorlog2(CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA)}. */
  protected int currentSyncCommitteeBranchDepth() {
    return floorLog2(CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA);
  }

  /** {@code floorlog2(NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA)}. */
  protected int nextSyncCommitteeBranchDepth() {
    return floorLog2(NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA);
  }

  // ------------------------------------------------------------------ builders

  protected ContainerType<? extends SignedBeaconBlockHeader> buildSignedBeaconBlockHeader() {
    return SignedBeaconBlockHeader.TYPE;
  }

  protected ContainerType<ProposerSlashing> buildProposerSlashing() {
    return ProposerSlashing.TYPE;
  }

  protected ContainerType<? extends SignedVoluntaryExit> buildSignedVoluntaryExit() {
    return SignedVoluntaryExit.TYPE;
  }

  protected ContainerType<SyncCommittee> buildSyncCommittee() {
    return container(
        "SyncCommittee",
        SyncCommittee.FACTORY,
        field("pubkeys", vector(BLS_PUBKEY, config.syncCommitteeSize())),
        field("aggregate_pubkey", BLS_PUBKEY));
  }

  protected ContainerType<SyncAggregate> buildSyncAggregate() {
    return container(
        "SyncAggregate",
        SyncAggregate.FACTORY,
        field("sync_committee_bits", bitvector(config.syncCommitteeSize())),
        field("sync_committee_signature", BLS_SIGNATURE));
  }

  protected ContainerType<Attestation> buildAttestation() {
    return container(
        "Attestation",
        Attestation.FACTORY,
        field("aggregation_bits", aggregationBits()),
        field("data", AttestationData.TYPE),
        field("signature", BLS_SIGNATURE),
        field("committee_bits", bitvector(config.maxCommitteesPerSlot())));
  }

  protected ContainerType<IndexedAttestation> buildIndexedAttestation() {
    return container(
        "IndexedAttestation",
        IndexedAttestation.FACTORY,
        field("attesting_indices", attestingIndices()),
        field("data", AttestationData.TYPE),
        field("signature", BLS_SIGNATURE));
  }

  protected ContainerType<AttesterSlashing> buildAttesterSlashing() {
    return container(
        "AttesterSlashing",
        AttesterSlashing.FACTORY,
        field("attestation_1", indexedAttestation()),
        field("attestation_2", indexedAttestation()));
  }

  protected ContainerType<AggregateAndProof> buildAggregateAndProof() {
    return container(
        "AggregateAndProof",
        AggregateAndProof.FACTORY,
        field("aggregator_index", VALIDATOR_INDEX),
        field("aggregate", attestation()),
        field("selection_proof", BLS_SIGNATURE));
  }

  protected ContainerType<SignedAggregateAndProof> buildSignedAggregateAndProof() {
    return container(
        "SignedAggregateAndProof",
        SignedAggregateAndProof.FACTORY,
        field("message", aggregateAndProof()),
        field("signature", BLS_SIGNATURE));
  }

  protected ContainerType<SyncCommitteeContribution> buildSyncCommitteeContribution() {
    return container(
        "SyncCommitteeContribution",
        SyncCommitteeContribution.FACTORY,
        field("slot", SLOT),
        field("beacon_block_root", ROOT),
        field("subcommittee_index", UINT64),
        field(
            "aggregation_bits",
            bitvector(config.syncCommitteeSize() / SYNC_COMMITTEE_SUBNET_COUNT)),
        field("signature", BLS_SIGNATURE));
  }

  protected ContainerType<ContributionAndProof> buildContributionAndProof() {
    return container(
        "ContributionAndProof",
        ContributionAndProof.FACTORY,
        field("aggregator_index", VALIDATOR_INDEX),
        field("contribution", syncCommitteeContribution()),
        field("selection_proof", BLS_SIGNATURE));
  }

  protected ContainerType<SignedContributionAndProof> buildSignedContributionAndProof() {
    return container(
        "SignedContributionAndProof",
        SignedContributionAndProof.FACTORY,
        field("message", contributionAndProof()),
        field("signature", BLS_SIGNATURE));
  }

  /** The leading fields {@code ExecutionPayload} and {@code ExecutionPayloadHeader} share. */
  private List<Field> executionBlockFields() {
    return List.of(
        field("parent_hash", HASH32),
        field("fee_recipient", EXECUTION_ADDRESS),
        field("state_root", BYTES32),
        field("receipts_root", BYTES32),
        field("logs_bloom", byteVector(config.bytesPerLogsBloom())),
        field("prev_randao", BYTES32),
        field("block_number", UINT64),
        field("gas_limit", UINT64),
        field("gas_used", UINT64),
        field("timestamp", UINT64),
        field("extra_data", byteList(config.maxExtraDataBytes())),
        field("base_fee_per_gas", UINT256),
        field("block_hash", HASH32));
  }

  /** The fields of the Deneb-to-Fulu {@code ExecutionPayload}, in order. */
  protected List<Field> executionPayloadFields() {
    List<Field> fields = new ArrayList<>(executionBlockFields());
    fields.add(field("transactions", list(transaction(), config.maxTransactionsPerPayload())));
    fields.add(field("withdrawals", list(Withdrawal.TYPE, config.maxWithdrawalsPerPayload())));
    fields.add(field("blob_gas_used", UINT64));
    fields.add(field("excess_blob_gas", UINT64));
    return fields;
  }

  protected ContainerType<? extends ExecutionPayload> buildExecutionPayload() {
    return container("ExecutionPayload", ExecutionPayload.FACTORY, executionPayloadFields());
  }

  /** The fields of the Deneb-to-Fulu {@code ExecutionPayloadHeader}, in order. */
  protected List<Field> executionPayloadHeaderFields() {
    List<Field> fields = new ArrayList<>(executionBlockFields());
    fields.add(field("transactions_root", ROOT));
    fields.add(field("withdrawals_root", ROOT));
    fields.add(field("blob_gas_used", UINT64));
    fields.add(field("excess_blob_gas", UINT64));
    return fields;
  }

  protected ContainerType<? extends ExecutionPayloadHeader> buildExecutionPayloadHeader() {
    return container(
        "ExecutionPayloadHeader", ExecutionPayloadHeader.FACTORY, executionPayloadHeaderFields());
  }

  /** The fields of the Electra {@code ExecutionRequests}, in order. */
  protected List<Field> executionRequestsFields() {
    return List.of(
        field("deposits", list(DepositRequest.TYPE, config.maxDepositRequestsPerPayload())),
        field(
            "withdrawals",
            list(WithdrawalRequest.TYPE, config.maxWithdrawalRequestsPerPayload())),
        field(
            "consolidations",
            list(ConsolidationRequest.TYPE, config.maxConsolidationRequestsPerPayload())));
  }

  protected ContainerType<? extends ExecutionRequests> buildExecutionRequests() {
    return container("ExecutionRequests", ExecutionRequests.FACTORY, executionRequestsFields());
  }

  /** The fields of the Electra (and Fulu) {@code BeaconBlockBody}, in order. */
  protected List<Field> beaconBlockBodyFields() {
    return List.of(
        field("randao_reveal", BLS_SIGNATURE),
        field("eth1_data", Eth1Data.TYPE),
        field("graffiti", BYTES32),
        field("proposer_slashings", list(proposerSlashing(), config.maxProposerSlashings())),
        field("attester_slashings", list(attesterSlashing(), config.maxAttesterSlashingsElectra())),
        field("attestations", list(attestation(), config.maxAttestationsElectra())),
        field("deposits", list(Deposit.TYPE, config.maxDeposits())),
        field("voluntary_exits", list(signedVoluntaryExit(), config.maxVoluntaryExits())),
        field("sync_aggregate", syncAggregate()),
        field("execution_payload", executionPayload()),
        field(
            "bls_to_execution_changes",
            list(SignedBLSToExecutionChange.TYPE, config.maxBlsToExecutionChanges())),
        field("blob_kzg_commitments", list(KZG_COMMITMENT, config.maxBlobCommitmentsPerBlock())),
        field("execution_requests", executionRequests()));
  }

  protected ContainerType<? extends BeaconBlockBody> buildBeaconBlockBody() {
    return container("BeaconBlockBody", BeaconBlockBody.FACTORY, beaconBlockBodyFields());
  }

  protected ContainerType<BeaconBlock> buildBeaconBlock() {
    return container(
        "BeaconBlock",
        BeaconBlock.FACTORY,
        field("slot", SLOT),
        field("proposer_index", VALIDATOR_INDEX),
        field("parent_root", ROOT),
        field("state_root", ROOT),
        field("body", beaconBlockBody()));
  }

  protected ContainerType<? extends SignedBeaconBlock> buildSignedBeaconBlock() {
    return container(
        "SignedBeaconBlock",
        SignedBeaconBlock.FACTORY,
        field("message", beaconBlock()),
        field("signature", BLS_SIGNATURE));
  }

  /** The 37 fields of the Electra {@code BeaconState}, in order (see {@link BeaconState}). */
  protected List<Field> beaconStateElectraFields() {
    long registryLimit = config.validatorRegistryLimit().longValue();
    VectorType<Bytes32> rootsVector =
        vector(ROOT, config.slotsPerHistoricalRoot());
    return List.of(
        field("genesis_time", UINT64),
        field("genesis_validators_root", ROOT),
        field("slot", SLOT),
        field("fork", Fork.TYPE),
        field("latest_block_header", BeaconBlockHeader.TYPE),
        field("block_roots", rootsVector),
        field("state_roots", rootsVector),
        field("historical_roots", list(ROOT, config.historicalRootsLimit())),
        field("eth1_data", Eth1Data.TYPE),
        field(
            "eth1_data_votes",
            list(
                Eth1Data.TYPE,
                (long) config.epochsPerEth1VotingPeriod() * config.slotsPerEpoch())),
        field("eth1_deposit_index", UINT64),
        field("validators", list(Validator.TYPE, registryLimit)),
        field("balances", list(GWEI, registryLimit)),
        field("randao_mixes", vector(BYTES32, config.epochsPerHistoricalVector())),
        field("slashings", vector(GWEI, config.epochsPerSlashingsVector())),
        field("previous_epoch_participation", list(PARTICIPATION_FLAGS, registryLimit)),
        field("current_epoch_participation", list(PARTICIPATION_FLAGS, registryLimit)),
        field("justification_bits", bitvector(JUSTIFICATION_BITS_LENGTH)),
        field("previous_justified_checkpoint", Checkpoint.TYPE),
        field("current_justified_checkpoint", Checkpoint.TYPE),
        field("finalized_checkpoint", Checkpoint.TYPE),
        field("inactivity_scores", list(UINT64, registryLimit)),
        field("current_sync_committee", syncCommittee()),
        field("next_sync_committee", syncCommittee()),
        field("latest_execution_payload_header", executionPayloadHeader()),
        field("next_withdrawal_index", WITHDRAWAL_INDEX),
        field("next_withdrawal_validator_index", VALIDATOR_INDEX),
        field("historical_summaries", list(HistoricalSummary.TYPE, config.historicalRootsLimit())),
        field("deposit_requests_start_index", UINT64),
        field("deposit_balance_to_consume", GWEI),
        field("exit_balance_to_consume", GWEI),
        field("earliest_exit_epoch", EPOCH),
        field("consolidation_balance_to_consume", GWEI),
        field("earliest_consolidation_epoch", EPOCH),
        field("pending_deposits", list(PendingDeposit.TYPE, config.pendingDepositsLimit())),
        field(
            "pending_partial_withdrawals",
            list(PendingPartialWithdrawal.TYPE, config.pendingPartialWithdrawalsLimit())),
        field(
            "pending_consolidations",
            list(PendingConsolidation.TYPE, config.pendingConsolidationsLimit())));
  }

  protected ContainerType<? extends BeaconState> buildBeaconState() {
    return container("BeaconState", BeaconStateElectra.FACTORY, beaconStateElectraFields());
  }

  protected ContainerType<LightClientHeader> buildLightClientHeader() {
    return container(
        "LightClientHeader",
        LightClientHeader.FACTORY,
        field("beacon", BeaconBlockHeader.TYPE),
        field("execution", executionPayloadHeader()),
        field("execution_branch", vector(BYTES32, executionBranchDepth())));
  }

  protected ContainerType<LightClientBootstrap> buildLightClientBootstrap() {
    return container(
        "LightClientBootstrap",
        LightClientBootstrap.FACTORY,
        field("header", lightClientHeader()),
        field("current_sync_committee", syncCommittee()),
        field("current_sync_committee_branch", vector(BYTES32, currentSyncCommitteeBranchDepth())));
  }

  protected ContainerType<LightClientUpdate> buildLightClientUpdate() {
    return container(
        "LightClientUpdate",
        LightClientUpdate.FACTORY,
        field("attested_header", lightClientHeader()),
        field("next_sync_committee", syncCommittee()),
        field("next_sync_committee_branch", vector(BYTES32, nextSyncCommitteeBranchDepth())),
        field("finalized_header", lightClientHeader()),
        field("finality_branch", vector(BYTES32, finalityBranchDepth())),
        field("sync_aggregate", syncAggregate()),
        field("signature_slot", SLOT));
  }

  protected ContainerType<LightClientFinalityUpdate> buildLightClientFinalityUpdate() {
    return container(
        "LightClientFinalityUpdate",
        LightClientFinalityUpdate.FACTORY,
        field("attested_header", lightClientHeader()),
        field("finalized_header", lightClientHeader()),
        field("finality_branch", vector(BYTES32, finalityBranchDepth())),
        field("sync_aggregate", syncAggregate()),
        field("signature_slot", SLOT));
  }

  protected ContainerType<LightClientOptimisticUpdate> buildLightClientOptimisticUpdate() {
    return container(
        "LightClientOptimisticUpdate",
        LightClientOptimisticUpdate.FACTORY,
        field("attested_header", lightClientHeader()),
        field("sync_aggregate", syncAggregate()),
        field("signature_slot", SLOT));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + config.presetBase() + "]";
  }

  /** {@code a} followed by {@code more}, for subclasses appending fields. */
  protected static List<Field> concat(List<Field> a, Field... more) {
    List<Field> out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }
}
