package io.edvt.spec.datastructures.lightclient;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A light-client update proving a newly finalized header (Electra
 * {@code LightClientFinalityUpdate}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class LightClientFinalityUpdate extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<LightClientFinalityUpdate> FACTORY =
      LightClientFinalityUpdate::new;

  private LightClientFinalityUpdate(
      ContainerType<LightClientFinalityUpdate> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code LightClientFinalityUpdate} type) from its fields.
   */
  public static LightClientFinalityUpdate create(
      ContainerType<LightClientFinalityUpdate> type,
      LightClientHeader attestedHeader,
      LightClientHeader finalizedHeader,
      SszList<Bytes32> finalityBranch,
      SyncAggregate syncAggregate,
      UInt64 signatureSlot) {
    return type.create(
        attestedHeader, finalizedHeader, finalityBranch, syncAggregate, signatureSlot);
  }

  /** {@code attested_header}: {@code LightClientHeader}. */
  public LightClientHeader attestedHeader() {
    return (LightClientHeader) get(0);
  }

  /** {@code finalized_header}: {@code LightClientHeader}. */
  public LightClientHeader finalizedHeader() {
    return (LightClientHeader) get(1);
  }

  /** {@code finality_branch}: {@code Vector[Bytes32, floorlog2(FINALIZED_ROOT_GINDEX_ELECTRA)]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> finalityBranch() {
    return (SszList<Bytes32>) get(2);
  }

  /** {@code sync_aggregate}: {@code SyncAggregate}. */
  public SyncAggregate syncAggregate() {
    return (SyncAggregate) get(3);
  }

  /** {@code signature_slot}: {@code Slot}. */
  public UInt64 signatureSlot() {
    return (UInt64) get(4);
  }
}
