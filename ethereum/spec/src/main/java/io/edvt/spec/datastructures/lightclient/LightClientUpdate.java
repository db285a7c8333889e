package io.edvt.spec.datastructures.lightclient;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.SyncCommittee;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A light-client update with the next sync committee and finality proofs (Electra
 * {@code LightClientUpdate}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class LightClientUpdate extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<LightClientUpdate> FACTORY = LightClientUpdate::new;

  private LightClientUpdate(ContainerType<LightClientUpdate> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code LightClientUpdate} type) from its fields. */
  public static LightClientUpdate create(
      ContainerType<LightClientUpdate> type,
      LightClientHeader attestedHeader,
      SyncCommittee nextSyncCommittee,
      SszList<Bytes32> nextSyncCommitteeBranch,
      LightClientHeader finalizedHeader,
      SszList<Bytes32> finalityBranch,
      SyncAggregate syncAggregate,
      UInt64 signatureSlot) {
    return type.create(
        attestedHeader, nextSyncCommittee, nextSyncCommitteeBranch, finalizedHeader, finalityBranch,
        syncAggregate, signatureSlot);
  }

  /** {@code attested_header}: {@code LightClientHeader}. */
  public LightClientHeader attestedHeader() {
    return (LightClientHeader) get(0);
  }

  /** {@code next_sync_committee}: {@code SyncCommittee}. */
  public SyncCommittee nextSyncCommittee() {
    return (SyncCommittee) get(1);
  }

  /**
   * {@code next_sync_committee_branch}:
   * {@code Vector[Bytes32, floorlog2(NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA)]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> nextSyncCommitteeBranch() {
    return (SszList<Bytes32>) get(2);
  }

  /** {@code finalized_header}: {@code LightClientHeader}. */
  public LightClientHeader finalizedHeader() {
    return (LightClientHeader) get(3);
  }

  /** {@code finality_branch}: {@code Vector[Bytes32, floorlog2(FINALIZED_ROOT_GINDEX_ELECTRA)]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> finalityBranch() {
    return (SszList<Bytes32>) get(4);
  }

  /** {@code sync_aggregate}: {@code SyncAggregate}. */
  public SyncAggregate syncAggregate() {
    return (SyncAggregate) get(5);
  }

  /** {@code signature_slot}: {@code Slot}. */
  public UInt64 signatureSlot() {
    return (UInt64) get(6);
  }
}
