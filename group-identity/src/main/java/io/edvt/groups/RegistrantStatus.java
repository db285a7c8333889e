package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * What registration needs to know about the validator a group attaches to, read by the fork from
 * its state at the current epoch.
 *
 * @param effectiveBalance the validator's effective balance (Gwei)
 * @param active {@code is_active_validator(validator, current_epoch)}
 * @param slashed {@code validator.slashed}
 * @param exitInitiated {@code validator.exit_epoch != FAR_FUTURE_EPOCH}
 * @param alreadyInGroup the validator index already has a group record
 */
public record RegistrantStatus(
    UInt64 effectiveBalance, boolean active, boolean slashed, boolean exitInitiated, boolean alreadyInGroup) {
  public RegistrantStatus {
    Objects.requireNonNull(effectiveBalance, "effectiveBalance");
  }
}
