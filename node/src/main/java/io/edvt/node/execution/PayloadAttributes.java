package io.edvt.node.execution;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.execution.Withdrawal;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Engine API {@code PayloadAttributesV3} (cancun.md): what a payload built on the head must
 * carry. The consensus side takes them from the state the block is proposed on
 * ({@code prepare_execution_payload}): the slot's time, the epoch's randao mix, the expected
 * withdrawals and the parent block root.
 *
 * @param suggestedFeeRecipient a 20-byte execution address
 */
public record PayloadAttributes(
    UInt64 timestamp,
    Bytes32 prevRandao,
    Bytes suggestedFeeRecipient,
    List<Withdrawal> withdrawals,
    Bytes32 parentBeaconBlockRoot) {
  /** The size of an execution address. */
  public static final int ADDRESS_SIZE = 20;

  public PayloadAttributes {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(prevRandao, "prevRandao");
    Objects.requireNonNull(suggestedFeeRecipient, "suggestedFeeRecipient");
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
    if (suggestedFeeRecipient.size() != ADDRESS_SIZE) {
      throw new IllegalArgumentException("suggestedFeeRecipient must have " + ADDRESS_SIZE + " bytes, got "
          + suggestedFeeRecipient.size() + ": " + suggestedFeeRecipient);
    }
    withdrawals = List.copyOf(withdrawals);
  }
}
