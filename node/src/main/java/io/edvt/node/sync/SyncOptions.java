package io.edvt.node.sync;

import java.time.Duration;

/**
 * Range sync's tunables.
 *
 * @param batchSlots slots per {@code beacon_blocks_by_range} request (at most {@code MAX_REQUEST_BLOCKS_DENEB})
 * @param maxBatchesInFlight batches downloaded at once, each from a different peer
 * @param requestTimeout how long one batch may take before it is asked of another peer
 * @param maxParentDepth how many unknown ancestors one by-root fetch follows before giving up
 */
public record SyncOptions(int batchSlots, int maxBatchesInFlight, Duration requestTimeout, int maxParentDepth) {
  public SyncOptions {
    if (batchSlots < 1 || maxBatchesInFlight < 1 || maxParentDepth < 1) {
      throw new IllegalArgumentException("batch slots, batches in flight and parent depth must be positive");
    }
  }

  /** 32-slot batches, 4 in flight, 10 s per request, 64 ancestors. */
  public static SyncOptions defaults() {
    return new SyncOptions(32, 4, Duration.ofSeconds(10), 64);
  }

  public SyncOptions withBatchSlots(int slots) {
    return new SyncOptions(slots, maxBatchesInFlight, requestTimeout, maxParentDepth);
  }
}
