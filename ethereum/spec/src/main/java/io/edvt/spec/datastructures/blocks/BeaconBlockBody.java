package io.edvt.spec.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.Deposit;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The operations and payload a block carries (Electra {@code BeaconBlockBody}, unchanged in Fulu).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}). Not final: a later milestone that appends fields subclasses it,
 * numbering its new fields from {@link #FIELD_COUNT}.
 */
public class BeaconBlockBody extends SszContainer {
  public static final int RANDAO_REVEAL = 0;
  public static final int ETH1_DATA = 1;
  public static final int GRAFFITI = 2;
  public static final int PROPOSER_SLASHINGS = 3;
  public static final int ATTESTER_SLASHINGS = 4;
  public static final int ATTESTATIONS = 5;
  public static final int DEPOSITS = 6;
  public static final int VOLUNTARY_EXITS = 7;
  public static final int SYNC_AGGREGATE = 8;
  public static final int EXECUTION_PAYLOAD = 9;
  public static final int BLS_TO_EXECUTION_CHANGES = 10;
  public static final int BLOB_KZG_COMMITMENTS = 11;
  public static final int EXECUTION_REQUESTS = 12;
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 13;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<BeaconBlockBody> FACTORY = BeaconBlockBody::new;

  protected BeaconBlockBody(ContainerType<? extends BeaconBlockBody> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code BeaconBlockBody} type) from its fields. */
  public static BeaconBlockBody create(
      ContainerType<? extends BeaconBlockBody> type,
      Bytes randaoReveal,
      Eth1Data eth1Data,
      Bytes32 graffiti,
      SszList<ProposerSlashing> proposerSlashings,
      SszList<AttesterSlashing> attesterSlashings,
      SszList<Attestation> attestations,
      SszList<Deposit> deposits,
      SszList<SignedVoluntaryExit> voluntaryExits,
      SyncAggregate syncAggregate,
      ExecutionPayload executionPayload,
      SszList<SignedBLSToExecutionChange> blsToExecutionChanges,
      SszList<Bytes48> blobKzgCommitments,
      ExecutionRequests executionRequests) {
    return type.create(
        randaoReveal, eth1Data, graffiti, proposerSlashings, attesterSlashings, attestations,
        deposits, voluntaryExits, syncAggregate, executionPayload, blsToExecutionChanges,
        blobKzgCommitments, executionRequests);
  }

  /** {@code randao_reveal}: {@code BLSSignature}. */
  public Bytes randaoReveal() {
    return (Bytes) get(RANDAO_REVEAL);
  }

  /** {@code eth1_data}: {@code Eth1Data}. */
  public Eth1Data eth1Data() {
    return (Eth1Data) get(ETH1_DATA);
  }

  /** {@code graffiti}: {@code Bytes32}. */
  public Bytes32 graffiti() {
    return (Bytes32) get(GRAFFITI);
  }

  /** {@code proposer_slashings}: {@code List[ProposerSlashing, MAX_PROPOSER_SLASHINGS]}. */
  @SuppressWarnings("unchecked")
  public SszList<ProposerSlashing> proposerSlashings() {
    return (SszList<ProposerSlashing>) get(PROPOSER_SLASHINGS);
  }

  /** {@code attester_slashings}: {@code List[AttesterSlashing, MAX_ATTESTER_SLASHINGS_ELECTRA]}. */
  @SuppressWarnings("unchecked")
  public SszList<AttesterSlashing> attesterSlashings() {
    return (SszList<AttesterSlashing>) get(ATTESTER_SLASHINGS);
  }

  /** {@code attestations}: {@code List[Attestation, MAX_ATTESTATIONS_ELECTRA]}. */
  @SuppressWarnings("unchecked")
  public SszList<Attestation> attestations() {
    return (SszList<Attestation>) get(ATTESTATIONS);
  }

  /** {@code deposits}: {@code List[Deposit, MAX_DEPOSITS]}. */
  @SuppressWarnings("unchecked")
  public SszList<Deposit> deposits() {
    return (SszList<Deposit>) get(DEPOSITS);
  }

  /** {@code voluntary_exits}: {@code List[SignedVoluntaryExit, MAX_VOLUNTARY_EXITS]}. */
  @SuppressWarnings("unchecked")
  public SszList<SignedVoluntaryExit> voluntaryExits() {
    return (SszList<SignedVoluntaryExit>) get(VOLUNTARY_EXITS);
  }

  /** {@code sync_aggregate}: {@code SyncAggregate}. */
  public SyncAggregate syncAggregate() {
    return (SyncAggregate) get(SYNC_AGGREGATE);
  }

  /** {@code execution_payload}: {@code ExecutionPayload}. */
  public ExecutionPayload executionPayload() {
    return (ExecutionPayload) get(EXECUTION_PAYLOAD);
  }

  /**
   * {@code bls_to_execution_changes}:
   * {@code List[SignedBLSToExecutionChange, MAX_BLS_TO_EXECUTION_CHANGES]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<SignedBLSToExecutionChange> blsToExecutionChanges() {
    return (SszList<SignedBLSToExecutionChange>) get(BLS_TO_EXECUTION_CHANGES);
  }

  /** {@code blob_kzg_commitments}: {@code List[KZGCommitment, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> blobKzgCommitments() {
    return (SszList<Bytes48>) get(BLOB_KZG_COMMITMENTS);
  }

  /** {@code execution_requests}: {@code ExecutionRequests}. */
  public ExecutionRequests executionRequests() {
    return (ExecutionRequests) get(EXECUTION_REQUESTS);
  }

  /** A copy with {@code randao_reveal} replaced. */
  public BeaconBlockBody withRandaoReveal(Bytes randaoReveal) {
    return with(RANDAO_REVEAL, randaoReveal);
  }

  /** A copy with {@code eth1_data} replaced. */
  public BeaconBlockBody withEth1Data(Eth1Data eth1Data) {
    return with(ETH1_DATA, eth1Data);
  }

  /** A copy with {@code graffiti} replaced. */
  public BeaconBlockBody withGraffiti(Bytes32 graffiti) {
    return with(GRAFFITI, graffiti);
  }

  /** A copy with {@code proposer_slashings} replaced. */
  public BeaconBlockBody withProposerSlashings(SszList<ProposerSlashing> proposerSlashings) {
    return with(PROPOSER_SLASHINGS, proposerSlashings);
  }

  /** A copy with {@code attester_slashings} replaced. */
  public BeaconBlockBody withAttesterSlashings(SszList<AttesterSlashing> attesterSlashings) {
    return with(ATTESTER_SLASHINGS, attesterSlashings);
  }

  /** A copy with {@code attestations} replaced. */
  public BeaconBlockBody withAttestations(SszList<Attestation> attestations) {
    return with(ATTESTATIONS, attestations);
  }

  /** A copy with {@code deposits} replaced. */
  public BeaconBlockBody withDeposits(SszList<Deposit> deposits) {
    return with(DEPOSITS, deposits);
  }

  /** A copy with {@code voluntary_exits} replaced. */
  public BeaconBlockBody withVoluntaryExits(SszList<SignedVoluntaryExit> voluntaryExits) {
    return with(VOLUNTARY_EXITS, voluntaryExits);
  }

  /** A copy with {@code sync_aggregate} replaced. */
  public BeaconBlockBody withSyncAggregate(SyncAggregate syncAggregate) {
    return with(SYNC_AGGREGATE, syncAggregate);
  }

  /** A copy with {@code execution_payload} replaced. */
  public BeaconBlockBody withExecutionPayload(ExecutionPayload executionPayload) {
    return with(EXECUTION_PAYLOAD, executionPayload);
  }

  /** A copy with {@code bls_to_execution_changes} replaced. */
  public BeaconBlockBody withBlsToExecutionChanges(
      SszList<SignedBLSToExecutionChange> blsToExecutionChanges) {
    return with(BLS_TO_EXECUTION_CHANGES, blsToExecutionChanges);
  }

  /** A copy with {@code blob_kzg_commitments} replaced. */
  public BeaconBlockBody withBlobKzgCommitments(SszList<Bytes48> blobKzgCommitments) {
    return with(BLOB_KZG_COMMITMENTS, blobKzgCommitments);
  }

  /** A copy with {@code execution_requests} replaced. */
  public BeaconBlockBody withExecutionRequests(ExecutionRequests executionRequests) {
    return with(EXECUTION_REQUESTS, executionRequests);
  }
}
