package io.edvt.node.metrics;

/**
 * Where the interop metrics' values come from: the chain and the peer manager implement it
 * (or the wiring adapts them), and {@link BeaconInteropMetrics} reads it at each scrape, so the
 * values are never stale copies.
 */
public interface BeaconMetricsSource {
  /** The slot of the fork-choice head. */
  long headSlot();

  /** The finalized checkpoint's epoch. */
  long finalizedEpoch();

  /** The current justified checkpoint's epoch. */
  long currentJustifiedEpoch();

  /** The previous justified checkpoint's epoch (of the head state). */
  long previousJustifiedEpoch();

  /** Active validators in the head state's current epoch. */
  long currentActiveValidators();

  /** The head state's {@code eth1_deposit_index}: deposits processed so far. */
  long processedDeposits();

  /** Connected libp2p peers. */
  long peerCount();
}
