package io.edvt.node.storage;

import io.edvt.spec.config.SpecConfig;

/**
 * How a node stores the finalized chain.
 *
 * @param mode ARCHIVE or PRUNE (fixed when the database is created)
 * @param archiveIntervalSlots ARCHIVE: a finalized state is kept for every interval of this many
 *     slots (the first one stored in it); ignored in PRUNE mode. Positive.
 * @param blockRetentionEpochs PRUNE: finalized blocks of the last this many epochs before the
 *     finalized epoch are kept for peers' requests; ignored in ARCHIVE mode (every block is kept)
 */
public record StorageOptions(StorageMode mode, long archiveIntervalSlots, long blockRetentionEpochs) {
  /** Teku's and Lighthouse's usual spacing of archived states: 2048 slots (64 mainnet epochs). */
  public static final long DEFAULT_ARCHIVE_INTERVAL_SLOTS = 2048;

  public StorageOptions {
    if (mode == null) {
      throw new IllegalArgumentException("storage mode missing");
    }
    if (archiveIntervalSlots <= 0) {
      throw new IllegalArgumentException("archive interval must be at least one slot, got " + archiveIntervalSlots);
    }
    if (blockRetentionEpochs < 0) {
      throw new IllegalArgumentException("block retention must not be negative, got " + blockRetentionEpochs + " epochs");
    }
  }

  /**
   * {@code mode} with the default archive interval and, for PRUNE, a block retention of
   * {@code MIN_EPOCHS_FOR_BLOCK_REQUESTS} of {@code config}.
   */
  public static StorageOptions defaults(StorageMode mode, SpecConfig config) {
    return new StorageOptions(mode, DEFAULT_ARCHIVE_INTERVAL_SLOTS, minEpochsForBlockRequests(config));
  }

  /**
   * {@code compute_min_epochs_for_block_requests()} (phase0 p2p-interface):
   * {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY + CHURN_LIMIT_QUOTIENT // 2}, 33024 on mainnet.
   */
  public static long minEpochsForBlockRequests(SpecConfig config) {
    return config.minValidatorWithdrawabilityDelay() + config.churnLimitQuotient() / 2L;
  }
}
