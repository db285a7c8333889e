package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_ADDRESS;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A change of withdrawal credentials from a BLS key to an execution address (Capella
 * {@code BLSToExecutionChange}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class BLSToExecutionChange extends SszContainer {
  public static final ContainerType<BLSToExecutionChange> TYPE =
      ContainerType.of(
          "BLSToExecutionChange",
          BLSToExecutionChange::new,
          field("validator_index", VALIDATOR_INDEX),
          field("from_bls_pubkey", BLS_PUBKEY),
          field("to_execution_address", EXECUTION_ADDRESS));

  private BLSToExecutionChange(ContainerType<BLSToExecutionChange> type, Object[] values) {
    super(type, values);
  }

  public static BLSToExecutionChange create(
      UInt64 validatorIndex,
      Bytes48 fromBlsPubkey,
      Bytes toExecutionAddress) {
    return TYPE.create(validatorIndex, fromBlsPubkey, toExecutionAddress);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(0);
  }

  /** {@code from_bls_pubkey}: {@code BLSPubkey}. */
  public Bytes48 fromBlsPubkey() {
    return (Bytes48) get(1);
  }

  /** {@code to_execution_address}: {@code ExecutionAddress}. */
  public Bytes toExecutionAddress() {
    return (Bytes) get(2);
  }
}
