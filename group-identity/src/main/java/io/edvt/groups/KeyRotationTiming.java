package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;

/**
 * The two configuration values that time key sets.
 *
 * @param epochsPerSyncCommitteePeriod {@code EPOCHS_PER_SYNC_COMMITTEE_PERIOD} (256 on mainnet, 8
 *     on minimal); a registration or key change takes effect at the first epoch of the period
 *     after the next one ({@code compute_key_set_activation_epoch})
 * @param minValidatorWithdrawabilityDelay {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} (256 epochs
 *     in both presets): how long a retired key set stays stored, verifiable and slashable before
 *     {@code process_group_key_set_pruning} removes it
 */
public record KeyRotationTiming(long epochsPerSyncCommitteePeriod, long minValidatorWithdrawabilityDelay) {
  public KeyRotationTiming {
    if (epochsPerSyncCommitteePeriod < 1) {
      throw new IllegalArgumentException(
          "epochs per sync committee period must be positive: " + epochsPerSyncCommitteePeriod);
    }
    if (minValidatorWithdrawabilityDelay < 0) {
      throw new IllegalArgumentException(
          "MIN_VALIDATOR_WITHDRAWABILITY_DELAY must not be negative: " + minValidatorWithdrawabilityDelay);
    }
  }

  /**
   * {@code compute_key_set_activation_epoch(epoch)}: the first epoch of the sync committee period
   * after the next one, {@code (epoch // EPOCHS_PER_SYNC_COMMITTEE_PERIOD + 2) *
   * EPOCHS_PER_SYNC_COMMITTEE_PERIOD}.
   */
  public UInt64 keySetActivationEpoch(UInt64 epoch) {
    return epoch.dividedBy(epochsPerSyncCommitteePeriod).plus(2).times(epochsPerSyncCommitteePeriod);
  }
}
