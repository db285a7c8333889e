package io.edvt.node.metrics;

/**
 * The interop metrics every consensus client exports under the same names, from the
 * ethereum/beacon-metrics specification ("Interop Metrics"), all in one place so the names cannot
 * drift. Gauges read a {@link BeaconMetricsSource} at scrape time; the reorg counter is counted
 * by fork choice through {@link #reorgs()}.
 */
public final class BeaconInteropMetrics {
  public static final String LIBP2P_PEERS = "libp2p_peers";
  public static final String HEAD_SLOT = "beacon_head_slot";
  public static final String FINALIZED_EPOCH = "beacon_finalized_epoch";
  public static final String CURRENT_JUSTIFIED_EPOCH = "beacon_current_justified_epoch";
  public static final String PREVIOUS_JUSTIFIED_EPOCH = "beacon_previous_justified_epoch";
  public static final String CURRENT_ACTIVE_VALIDATORS = "beacon_current_active_validators";
  public static final String REORGS_TOTAL = "beacon_reorgs_total";
  /** A gauge in the specification despite its {@code _total} name; kept as specified. */
  public static final String PROCESSED_DEPOSITS_TOTAL = "beacon_processed_deposits_total";

  private final Counter reorgs;

  private BeaconInteropMetrics(Counter reorgs) {
    this.reorgs = reorgs;
  }

  /** Registers the interop metrics in {@code registry}, with values from {@code source}. */
  public static BeaconInteropMetrics register(MetricsRegistry registry, BeaconMetricsSource source) {
    registry.gauge(MetricCategory.LIBP2P, LIBP2P_PEERS, "Tracks the total number of libp2p peers", source::peerCount);
    registry.gauge(MetricCategory.BEACON, HEAD_SLOT, "Latest slot of the beacon chain", source::headSlot);
    registry.gauge(MetricCategory.BEACON, FINALIZED_EPOCH, "Current finalized epoch", source::finalizedEpoch);
    registry.gauge(MetricCategory.BEACON, CURRENT_JUSTIFIED_EPOCH, "Current justified epoch", source::currentJustifiedEpoch);
    registry.gauge(MetricCategory.BEACON, PREVIOUS_JUSTIFIED_EPOCH, "Current previously justified epoch",
        source::previousJustifiedEpoch);
    registry.gauge(MetricCategory.BEACON, CURRENT_ACTIVE_VALIDATORS, "Current total active validators",
        source::currentActiveValidators);
    registry.gauge(MetricCategory.BEACON, PROCESSED_DEPOSITS_TOTAL, "Total number of deposits processed",
        source::processedDeposits);
    Counter reorgs = registry.counter(MetricCategory.BEACON, REORGS_TOTAL, "Total number of chain reorganizations");
    return new BeaconInteropMetrics(reorgs);
  }

  /** Fork choice counts a reorganisation here. */
  public Counter reorgs() {
    return reorgs;
  }
}
