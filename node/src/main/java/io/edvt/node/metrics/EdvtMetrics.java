package io.edvt.node.metrics;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's own metrics, beside the interop ones ({@link BeaconInteropMetrics}), all named here
 * with the {@code edvt_} prefix so the names cannot drift: how long a block takes from its receipt
 * to the head update, by where it came from; gossip validation verdicts by topic; and the size of
 * the database per column family.
 */
public final class EdvtMetrics {
  /** Histogram, seconds, label {@code source}: {@code gossip}, {@code rpc} (range sync, by-root fetch), {@code api}. */
  public static final String BLOCK_IMPORT_SECONDS = "edvt_block_import_seconds";
  /**
   * Counter, labels {@code topic} (the topic's name without fork digest, subnet and encoding: the
   * 64 attestation subnets are one {@code beacon_attestation}) and {@code result}.
   */
  public static final String GOSSIP_VALIDATION_TOTAL = "edvt_gossip_validation_total";
  /** Gauge, bytes, label {@code column_family}: SST and blob files plus memtables. */
  public static final String STORAGE_BYTES = "edvt_storage_column_family_bytes";

  /** Import latency buckets: a block imports in milliseconds on a quiet node, seconds under load or with a slow engine. */
  private static final double[] IMPORT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16};

  private final Histogram imports;
  private final Counter gossip;

  private EdvtMetrics(Histogram imports, Counter gossip) {
    this.imports = imports;
    this.gossip = gossip;
  }

  /** Registers the families in {@code registry}; {@code storageSizes} is read at each scrape. */
  public static EdvtMetrics register(MetricsRegistry registry, Supplier<? extends Map<String, ? extends Number>> storageSizes) {
    Histogram imports = registry.histogram(MetricCategory.BEACON, BLOCK_IMPORT_SECONDS,
        "Time from a block's receipt to the head update after its import, by where the block came from", IMPORT_BUCKETS,
        "source");
    Counter gossip = registry.counter(MetricCategory.NETWORK, GOSSIP_VALIDATION_TOTAL,
        "Gossip messages validated, by topic and verdict (accept, ignore, reject)", "topic", "result");
    registry.gauges(MetricCategory.STORAGE, STORAGE_BYTES,
        "Bytes the chain database takes per column family (SST and blob files and memtables)", "column_family",
        storageSizes);
    return new EdvtMetrics(imports, gossip);
  }

  /** One block imported, {@code nanos} after it was received from {@code source}. */
  public void blockImported(String source, long nanos) {
    imports.observe(nanos / 1e9, source);
  }

  /** One gossip message of topic {@code topicName} got the verdict {@code result}. */
  public void gossipValidated(String topicName, String result) {
    gossip.inc(topicName, result);
  }
}
