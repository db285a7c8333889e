package io.edvt.spec.datastructures.execution;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_ADDRESS;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.WITHDRAWAL_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;

/**
 * A withdrawal the consensus layer orders the execution layer to pay (Capella {@code Withdrawal}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Withdrawal extends SszContainer {
  public static final ContainerType<Withdrawal> TYPE =
      ContainerType.of(
          "Withdrawal",
          Withdrawal::new,
          field("index", WITHDRAWAL_INDEX),
          field("validator_index", VALIDATOR_INDEX),
          field("address", EXECUTION_ADDRESS),
          field("amount", GWEI));

  private Withdrawal(ContainerType<Withdrawal> type, Object[] values) {
    super(type, values);
  }

  public static Withdrawal create(
      UInt64 index,
      UInt64 validatorIndex,
      Bytes address,
      UInt64 amount) {
    return TYPE.create(index, validatorIndex, address, amount);
  }

  /** {@code index}: {@code WithdrawalIndex}. */
  public UInt64 index() {
    return (UInt64) get(0);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(1);
  }

  /** {@code address}: {@code ExecutionAddress}. */
  public Bytes address() {
    return (Bytes) get(2);
  }

  /** {@code amount}: {@code Gwei}. */
  public UInt64 amount() {
    return (UInt64) get(3);
  }
}
