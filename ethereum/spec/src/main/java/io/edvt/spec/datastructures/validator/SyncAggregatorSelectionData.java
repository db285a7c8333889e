package io.edvt.spec.datastructures.validator;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.SLOT;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * What a sync committee aggregator signs to prove its selection (Altair validator guide
 * {@code SyncAggregatorSelectionData}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class SyncAggregatorSelectionData extends SszContainer {
  public static final ContainerType<SyncAggregatorSelectionData> TYPE =
      ContainerType.of(
          "SyncAggregatorSelectionData",
          SyncAggregatorSelectionData::new,
          field("slot", SLOT),
          field("subcommittee_index", UINT64));

  private SyncAggregatorSelectionData(
      ContainerType<SyncAggregatorSelectionData> type,
      Object[] values) {
    super(type, values);
  }

  public static SyncAggregatorSelectionData create(UInt64 slot, UInt64 subcommitteeIndex) {
    return TYPE.create(slot, subcommitteeIndex);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(0);
  }

  /** {@code subcommittee_index}: {@code uint64}. */
  public UInt64 subcommitteeIndex() {
    return (UInt64) get(1);
  }
}
