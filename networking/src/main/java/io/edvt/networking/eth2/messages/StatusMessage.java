package io.edvt.networking.eth2.messages;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code Status}: v1 (phase0) and v2 (Fulu, with {@code earliest_available_slot}). The same class
 * holds either; {@link #earliestAvailableSlot()} is empty for v1.
 */
public final class StatusMessage extends SszContainer {
  public static final ContainerType<StatusMessage> V1 = ContainerType.of("StatusV1", StatusMessage::new,
      field("fork_digest", SszTypes.byteVector(4)),
      field("finalized_root", SszTypes.BYTES32),
      field("finalized_epoch", SszTypes.UINT64),
      field("head_root", SszTypes.BYTES32),
      field("head_slot", SszTypes.UINT64));

  public static final ContainerType<StatusMessage> V2 = ContainerType.of("StatusV2", StatusMessage::new,
      field("fork_digest", SszTypes.byteVector(4)),
      field("finalized_root", SszTypes.BYTES32),
      field("finalized_epoch", SszTypes.UINT64),
      field("head_root", SszTypes.BYTES32),
      field("head_slot", SszTypes.UINT64),
      field("earliest_available_slot", SszTypes.UINT64));

  private StatusMessage(ContainerType<StatusMessage> type, Object[] values) {
    super(type, values);
  }

  public static StatusMessage v2(Bytes forkDigest, Bytes32 finalizedRoot, UInt64 finalizedEpoch, Bytes32 headRoot,
      UInt64 headSlot, UInt64 earliestAvailableSlot) {
    return V2.create(forkDigest, finalizedRoot, finalizedEpoch, headRoot, headSlot, earliestAvailableSlot);
  }

  public static StatusMessage v1(Bytes forkDigest, Bytes32 finalizedRoot, UInt64 finalizedEpoch, Bytes32 headRoot,
      UInt64 headSlot) {
    return V1.create(forkDigest, finalizedRoot, finalizedEpoch, headRoot, headSlot);
  }

  /** This status as v1 (dropping {@code earliest_available_slot}). */
  public StatusMessage toV1() {
    return type() == V1 ? this : v1(forkDigest(), finalizedRoot(), finalizedEpoch(), headRoot(), headSlot());
  }

  public Bytes forkDigest() {
    return (Bytes) get(0);
  }

  public Bytes32 finalizedRoot() {
    return (Bytes32) get(1);
  }

  public UInt64 finalizedEpoch() {
    return (UInt64) get(2);
  }

  public Bytes32 headRoot() {
    return (Bytes32) get(3);
  }

  public UInt64 headSlot() {
    return (UInt64) get(4);
  }

  /** v2's {@code earliest_available_slot}; empty for a v1 status. */
  public Optional<UInt64> earliestAvailableSlot() {
    return type() == V2 ? Optional.of((UInt64) get(5)) : Optional.empty();
  }
}
