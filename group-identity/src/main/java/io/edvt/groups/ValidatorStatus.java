package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * What the registration and key change rules read from a validator's record at the current
 * epoch. The fork passes {@code Optional.empty()} instead when the operation's {@code
 * validator_index} is not below {@code len(state.validators)}.
 *
 * @param ownPubkey {@code validator.pubkey}, the validator's own key
 * @param effectiveBalance {@code validator.effective_balance} (Gwei)
 * @param active {@code is_active_validator(validator, current_epoch)}
 * @param slashed {@code validator.slashed}
 * @param exitInitiated {@code validator.exit_epoch != FAR_FUTURE_EPOCH}
 */
public record ValidatorStatus<K>(
    K ownPubkey, UInt64 effectiveBalance, boolean active, boolean slashed, boolean exitInitiated) {
  public ValidatorStatus {
    Objects.requireNonNull(ownPubkey, "ownPubkey");
    Objects.requireNonNull(effectiveBalance, "effectiveBalance");
  }
}
