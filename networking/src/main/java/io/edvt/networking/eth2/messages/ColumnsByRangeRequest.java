package io.edvt.networking.eth2.messages;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * {@code DataColumnSidecarsByRangeRequest} (Fulu): {@code start_slot}, {@code count},
 * {@code columns: List[ColumnIndex, NUMBER_OF_COLUMNS]} (so its type is per config).
 */
public final class ColumnsByRangeRequest extends SszContainer {
  private ColumnsByRangeRequest(ContainerType<ColumnsByRangeRequest> type, Object[] values) {
    super(type, values);
  }

  public static ContainerType<ColumnsByRangeRequest> type(int numberOfColumns) {
    return ContainerType.of("DataColumnSidecarsByRangeRequest", ColumnsByRangeRequest::new,
        field("start_slot", SszTypes.UINT64),
        field("count", SszTypes.UINT64),
        field("columns", SszTypes.list(SszTypes.UINT64, numberOfColumns)));
  }

  public UInt64 startSlot() {
    return (UInt64) get(0);
  }

  public UInt64 count() {
    return (UInt64) get(1);
  }

  @SuppressWarnings("unchecked")
  public SszList<UInt64> columns() {
    return (SszList<UInt64>) get(2);
  }
}
