package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The roots of one period of block and state roots (Capella {@code HistoricalSummary}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class HistoricalSummary extends SszContainer {
  public static final ContainerType<HistoricalSummary> TYPE =
      ContainerType.of(
          "HistoricalSummary",
          HistoricalSummary::new,
          field("block_summary_root", ROOT),
          field("state_summary_root", ROOT));

  private HistoricalSummary(ContainerType<HistoricalSummary> type, Object[] values) {
    super(type, values);
  }

  public static HistoricalSummary create(Bytes32 blockSummaryRoot, Bytes32 stateSummaryRoot) {
    return TYPE.create(blockSummaryRoot, stateSummaryRoot);
  }

  /** {@code block_summary_root}: {@code Root}. */
  public Bytes32 blockSummaryRoot() {
    return (Bytes32) get(0);
  }

  /** {@code state_summary_root}: {@code Root}. */
  public Bytes32 stateSummaryRoot() {
    return (Bytes32) get(1);
  }
}
