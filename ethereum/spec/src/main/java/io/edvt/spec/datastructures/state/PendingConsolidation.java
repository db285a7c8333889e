package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * A queued consolidation of one validator into another (Electra {@code PendingConsolidation}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class PendingConsolidation extends SszContainer {
  public static final ContainerType<PendingConsolidation> TYPE =
      ContainerType.of(
          "PendingConsolidation",
          PendingConsolidation::new,
          field("source_index", VALIDATOR_INDEX),
          field("target_index", VALIDATOR_INDEX));

  private PendingConsolidation(ContainerType<PendingConsolidation> type, Object[] values) {
    super(type, values);
  }

  public static PendingConsolidation create(UInt64 sourceIndex, UInt64 targetIndex) {
    return TYPE.create(sourceIndex, targetIndex);
  }

  /** {@code source_index}: {@code ValidatorIndex}. */
  public UInt64 sourceIndex() {
    return (UInt64) get(0);
  }

  /** {@code target_index}: {@code ValidatorIndex}. */
  public UInt64 targetIndex() {
    return (UInt64) get(1);
  }
}
