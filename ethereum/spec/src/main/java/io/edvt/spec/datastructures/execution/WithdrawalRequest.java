package io.edvt.spec.datastructures.execution;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_ADDRESS;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * An exit or partial withdrawal triggered from the execution layer (Electra
 * {@code WithdrawalRequest}, EIP-7002).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class WithdrawalRequest extends SszContainer {
  public static final ContainerType<WithdrawalRequest> TYPE =
      ContainerType.of(
          "WithdrawalRequest",
          WithdrawalRequest::new,
          field("source_address", EXECUTION_ADDRESS),
          field("validator_pubkey", BLS_PUBKEY),
          field("amount", GWEI));

  private WithdrawalRequest(ContainerType<WithdrawalRequest> type, Object[] values) {
    super(type, values);
  }

  public static WithdrawalRequest create(
      Bytes sourceAddress,
      Bytes48 validatorPubkey,
      UInt64 amount) {
    return TYPE.create(sourceAddress, validatorPubkey, amount);
  }

  /** {@code source_address}: {@code ExecutionAddress}. */
  public Bytes sourceAddress() {
    return (Bytes) get(0);
  }

  /** {@code validator_pubkey}: {@code BLSPubkey}. */
  public Bytes48 validatorPubkey() {
    return (Bytes48) get(1);
  }

  /** {@code amount}: {@code Gwei}. */
  public UInt64 amount() {
    return (UInt64) get(2);
  }
}
