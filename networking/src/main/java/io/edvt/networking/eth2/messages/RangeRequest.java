package io.edvt.networking.eth2.messages;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;

/** {@code BeaconBlocksByRangeRequest}: {@code start_slot}, {@code count}, {@code step} (deprecated, 1). */
public final class RangeRequest extends SszContainer {
  public static final ContainerType<RangeRequest> TYPE = ContainerType.of("BeaconBlocksByRangeRequest", RangeRequest::new,
      field("start_slot", SszTypes.UINT64),
      field("count", SszTypes.UINT64),
      field("step", SszTypes.UINT64));

  private RangeRequest(ContainerType<RangeRequest> type, Object[] values) {
    super(type, values);
  }

  public static RangeRequest of(UInt64 startSlot, UInt64 count) {
    return TYPE.create(startSlot, count, UInt64.ONE);
  }

  public static RangeRequest of(long startSlot, long count) {
    return of(UInt64.valueOf(startSlot), UInt64.valueOf(count));
  }

  public UInt64 startSlot() {
    return (UInt64) get(0);
  }

  public UInt64 count() {
    return (UInt64) get(1);
  }

  public UInt64 step() {
    return (UInt64) get(2);
  }
}
