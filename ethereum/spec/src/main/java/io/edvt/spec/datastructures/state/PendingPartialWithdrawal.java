package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * A partial withdrawal requested by the execution layer, queued until its epoch (Electra
 * {@code PendingPartialWithdrawal}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class PendingPartialWithdrawal extends SszContainer {
  public static final ContainerType<PendingPartialWithdrawal> TYPE =
      ContainerType.of(
          "PendingPartialWithdrawal",
          PendingPartialWithdrawal::new,
          field("validator_index", VALIDATOR_INDEX),
          field("amount", GWEI),
          field("withdrawable_epoch", EPOCH));

  private PendingPartialWithdrawal(ContainerType<PendingPartialWithdrawal> type, Object[] values) {
    super(type, values);
  }

  public static PendingPartialWithdrawal create(
      UInt64 validatorIndex,
      UInt64 amount,
      UInt64 withdrawableEpoch) {
    return TYPE.create(validatorIndex, amount, withdrawableEpoch);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(0);
  }

  /** {@code amount}: {@code Gwei}. */
  public UInt64 amount() {
    return (UInt64) get(1);
  }

  /** {@code withdrawable_epoch}: {@code Epoch}. */
  public UInt64 withdrawableEpoch() {
    return (UInt64) get(2);
  }
}
