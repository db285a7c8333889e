package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * A validator's request to exit (phase0 {@code VoluntaryExit}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class VoluntaryExit extends SszContainer {
  public static final ContainerType<VoluntaryExit> TYPE =
      ContainerType.of(
          "VoluntaryExit",
          VoluntaryExit::new,
          field("epoch", EPOCH),
          field("validator_index", VALIDATOR_INDEX));

  private VoluntaryExit(ContainerType<VoluntaryExit> type, Object[] values) {
    super(type, values);
  }

  public static VoluntaryExit create(UInt64 epoch, UInt64 validatorIndex) {
    return TYPE.create(epoch, validatorIndex);
  }

  /** {@code epoch}: {@code Epoch}. */
  public UInt64 epoch() {
    return (UInt64) get(0);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(1);
  }
}
