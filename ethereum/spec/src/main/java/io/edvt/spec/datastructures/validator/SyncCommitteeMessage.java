package io.edvt.spec.datastructures.validator;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.SLOT;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One sync committee member's signature over a block root (Altair validator guide
 * {@code SyncCommitteeMessage}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class SyncCommitteeMessage extends SszContainer {
  public static final ContainerType<SyncCommitteeMessage> TYPE =
      ContainerType.of(
          "SyncCommitteeMessage",
          SyncCommitteeMessage::new,
          field("slot", SLOT),
          field("beacon_block_root", ROOT),
          field("validator_index", VALIDATOR_INDEX),
          field("signature", BLS_SIGNATURE));

  private SyncCommitteeMessage(ContainerType<SyncCommitteeMessage> type, Object[] values) {
    super(type, values);
  }

  public static SyncCommitteeMessage create(
      UInt64 slot,
      Bytes32 beaconBlockRoot,
      UInt64 validatorIndex,
      Bytes signature) {
    return TYPE.create(slot, beaconBlockRoot, validatorIndex, signature);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(0);
  }

  /** {@code beacon_block_root}: {@code Root}. */
  public Bytes32 beaconBlockRoot() {
    return (Bytes32) get(1);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(2);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(3);
  }
}
