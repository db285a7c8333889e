package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;

/**
 * When key changes take effect and how long retired keys stay slashable.
 *
 * @param epochsPerSyncCommitteePeriod {@code EPOCHS_PER_SYNC_COMMITTEE_PERIOD} (256 on mainnet, 8
 *     on minimal); a change takes effect at the start of the period after next, so sync
 *     committees, which are fixed one period ahead, never straddle two key sets
 * @param retiredKeyWindowEpochs how many epochs a retired key set stays slashable and is kept
 *     (the fork uses {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY}, 256 epochs)
 */
public record KeyRotationTiming(long epochsPerSyncCommitteePeriod, long retiredKeyWindowEpochs) {
  public KeyRotationTiming {
    if (epochsPerSyncCommitteePeriod < 1) {
      throw new IllegalArgumentException(
          "epochs per sync committee period must be positive: " + epochsPerSyncCommitteePeriod);
    }
    if (retiredKeyWindowEpochs < 0) {
      throw new IllegalArgumentException(
          "retired key window must not be negative: " + retiredKeyWindowEpochs);
    }
  }

  /**
   * The epoch at which a change accepted in {@code currentEpoch} takes effect: the first epoch of
   * the sync-committee period after next, {@code (currentEpoch // P + 2) * P}.
   */
  public UInt64 activationEpochForChangeAt(UInt64 currentEpoch) {
    return currentEpoch.dividedBy(epochsPerSyncCommitteePeriod).plus(2).times(epochsPerSyncCommitteePeriod);
  }

  /** A key set retired at {@code retiredAt} is still slashable (and kept) in {@code epoch}. */
  public boolean isWithinRetiredWindow(UInt64 retiredAt, UInt64 epoch) {
    return epoch.isLessThan(retiredAt.plus(retiredKeyWindowEpochs));
  }
}
