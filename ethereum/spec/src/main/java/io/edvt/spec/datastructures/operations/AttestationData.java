package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.COMMITTEE_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.SLOT;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.Checkpoint;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What an attestation votes for (phase0 {@code AttestationData}; {@code index} is always 0 from
 * Electra on).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class AttestationData extends SszContainer {
  public static final ContainerType<AttestationData> TYPE =
      ContainerType.of(
          "AttestationData",
          AttestationData::new,
          field("slot", SLOT),
          field("index", COMMITTEE_INDEX),
          field("beacon_block_root", ROOT),
          field("source", Checkpoint.TYPE),
          field("target", Checkpoint.TYPE));

  private AttestationData(ContainerType<AttestationData> type, Object[] values) {
    super(type, values);
  }

  public static AttestationData create(
      UInt64 slot,
      UInt64 index,
      Bytes32 beaconBlockRoot,
      Checkpoint source,
      Checkpoint target) {
    return TYPE.create(slot, index, beaconBlockRoot, source, target);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(0);
  }

  /** {@code index}: {@code CommitteeIndex}. */
  public UInt64 index() {
    return (UInt64) get(1);
  }

  /** {@code beacon_block_root}: {@code Root}. */
  public Bytes32 beaconBlockRoot() {
    return (Bytes32) get(2);
  }

  /** {@code source}: {@code Checkpoint}. */
  public Checkpoint source() {
    return (Checkpoint) get(3);
  }

  /** {@code target}: {@code Checkpoint}. */
  public Checkpoint target() {
    return (Checkpoint) get(4);
  }
}
