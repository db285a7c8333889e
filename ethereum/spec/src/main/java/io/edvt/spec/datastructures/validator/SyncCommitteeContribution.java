package io.edvt.spec.datastructures.validator;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An aggregate of one sync subcommittee's messages (Altair validator guide
 * {@code SyncCommitteeContribution}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class SyncCommitteeContribution extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SyncCommitteeContribution> FACTORY =
      SyncCommitteeContribution::new;

  private SyncCommitteeContribution(
      ContainerType<SyncCommitteeContribution> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code SyncCommitteeContribution} type) from its fields.
   */
  public static SyncCommitteeContribution create(
      ContainerType<SyncCommitteeContribution> type,
      UInt64 slot,
      Bytes32 beaconBlockRoot,
      UInt64 subcommitteeIndex,
      SszBits aggregationBits,
      Bytes signature) {
    return type.create(slot, beaconBlockRoot, subcommitteeIndex, aggregationBits, signature);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(0);
  }

  /** {@code beacon_block_root}: {@code Root}. */
  public Bytes32 beaconBlockRoot() {
    return (Bytes32) get(1);
  }

  /** {@code subcommittee_index}: {@code uint64}. */
  public UInt64 subcommitteeIndex() {
    return (UInt64) get(2);
  }

  /**
   * {@code aggregation_bits}:
   * {@code Bitvector[SYNC_COMMITTEE_SIZE // SYNC_COMMITTEE_SUBNET_COUNT]}.
   */
  public SszBits aggregationBits() {
    return (SszBits) get(3);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(4);
  }
}
