package io.edvt.spec.datastructures.lightclient;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SyncAggregate;

/**
 * A light-client update with only the attested header (Altair/Capella
 * {@code LightClientOptimisticUpdate}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class LightClientOptimisticUpdate extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<LightClientOptimisticUpdate> FACTORY =
      LightClientOptimisticUpdate::new;

  private LightClientOptimisticUpdate(
      ContainerType<LightClientOptimisticUpdate> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code LightClientOptimisticUpdate} type) from its
   * fields.
   */
  public static LightClientOptimisticUpdate create(
      ContainerType<LightClientOptimisticUpdate> type,
      LightClientHeader attestedHeader,
      SyncAggregate syncAggregate,
      UInt64 signatureSlot) {
    return type.create(attestedHeader, syncAggregate, signatureSlot);
  }

  /** {@code attested_header}: {@code LightClientHeader}. */
  public LightClientHeader attestedHeader() {
    return (LightClientHeader) get(0);
  }

  /** {@code sync_aggregate}: {@code SyncAggregate}. */
  public SyncAggregate syncAggregate() {
    return (SyncAggregate) get(1);
  }

  /** {@code signature_slot}: {@code Slot}. */
  public UInt64 signatureSlot() {
    return (UInt64) get(2);
  }
}
