package io.edvt.spec.edvt.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.Deposit;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The EDVT {@code BeaconBlockBody}: Fulu's 13 fields (the operation lists of EDVT's modified
 * types) followed by {@code randao_member_index}, {@code group_registrations} and
 * {@code group_key_changes}. 16 fields keep the body's depth, so the generalized indices of the
 * Fulu fields (and {@code KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH}) are unchanged.
 *
 * <p>In an EDVT body the elements of {@link #proposerSlashings()} carry EDVT headers and those of
 * {@link #voluntaryExits()} are {@code SignedVoluntaryExitEdvt}s (narrow them with their
 * {@code toVersionEdvt}). Its layout depends on the preset, so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class BeaconBlockBodyEdvt extends BeaconBlockBody {
  public static final int RANDAO_MEMBER_INDEX = BeaconBlockBody.FIELD_COUNT;
  public static final int GROUP_REGISTRATIONS = RANDAO_MEMBER_INDEX + 1;
  public static final int GROUP_KEY_CHANGES = GROUP_REGISTRATIONS + 1;
  /** The number of fields of the EDVT body (16). */
  public static final int FIELD_COUNT = GROUP_KEY_CHANGES + 1;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<BeaconBlockBodyEdvt> FACTORY = BeaconBlockBodyEdvt::new;

  private BeaconBlockBodyEdvt(ContainerType<BeaconBlockBodyEdvt> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's EDVT {@code BeaconBlockBody} type) from its fields. */
  public static BeaconBlockBodyEdvt create(
      ContainerType<BeaconBlockBodyEdvt> type,
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
      ExecutionRequests executionRequests,
      UInt64 randaoMemberIndex,
      SszList<SignedGroupRegistration> groupRegistrations,
      SszList<SignedGroupKeyChange> groupKeyChanges) {
    return type.create(
        randaoReveal, eth1Data, graffiti, proposerSlashings, attesterSlashings, attestations,
        deposits, voluntaryExits, syncAggregate, executionPayload, blsToExecutionChanges,
        blobKzgCommitments, executionRequests, randaoMemberIndex, groupRegistrations, groupKeyChanges);
  }

  /** {@code body} as an EDVT body, or empty for a Fulu one. */
  public static Optional<BeaconBlockBodyEdvt> toVersionEdvt(BeaconBlockBody body) {
    return body instanceof BeaconBlockBodyEdvt edvt ? Optional.of(edvt) : Optional.empty();
  }

  /** {@code randao_member_index}: {@code MemberIndex}, the member whose RANDAO reveal the block carries. */
  public UInt64 randaoMemberIndex() {
    return (UInt64) get(RANDAO_MEMBER_INDEX);
  }

  /** {@code group_registrations}: {@code List[SignedGroupRegistration, MAX_GROUP_REGISTRATIONS]}. */
  @SuppressWarnings("unchecked")
  public SszList<SignedGroupRegistration> groupRegistrations() {
    return (SszList<SignedGroupRegistration>) get(GROUP_REGISTRATIONS);
  }

  /** {@code group_key_changes}: {@code List[SignedGroupKeyChange, MAX_GROUP_KEY_CHANGES]}. */
  @SuppressWarnings("unchecked")
  public SszList<SignedGroupKeyChange> groupKeyChanges() {
    return (SszList<SignedGroupKeyChange>) get(GROUP_KEY_CHANGES);
  }

  /** A copy with {@code randao_member_index} replaced. */
  public BeaconBlockBodyEdvt withRandaoMemberIndex(UInt64 randaoMemberIndex) {
    return with(RANDAO_MEMBER_INDEX, randaoMemberIndex);
  }

  /** A copy with {@code group_registrations} replaced. */
  public BeaconBlockBodyEdvt withGroupRegistrations(SszList<SignedGroupRegistration> groupRegistrations) {
    return with(GROUP_REGISTRATIONS, groupRegistrations);
  }

  /** A copy with {@code group_key_changes} replaced. */
  public BeaconBlockBodyEdvt withGroupKeyChanges(SszList<SignedGroupKeyChange> groupKeyChanges) {
    return with(GROUP_KEY_CHANGES, groupKeyChanges);
  }
}
