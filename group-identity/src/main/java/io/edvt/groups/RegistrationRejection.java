package io.edvt.groups;

/**
 * Why a group registration is invalid: one reason per assertion of {@code
 * process_group_registration}, checked in the spec's order ({@link #TOO_MANY_KEYS} is the SSZ
 * list limit, which decoding enforces before processing).
 */
public enum RegistrationRejection {
  /** More than {@code MAX_GROUP_SIZE} keys or proofs: {@code List[..., MAX_GROUP_SIZE]}. */
  TOO_MANY_KEYS,
  /** {@code validator_index >= len(state.validators)}. */
  UNKNOWN_VALIDATOR,
  /** Not {@code is_active_validator(validator, current_epoch)}. */
  VALIDATOR_NOT_ACTIVE,
  /** {@code validator.slashed}. */
  VALIDATOR_SLASHED,
  /** {@code validator.exit_epoch != FAR_FUTURE_EPOCH}. */
  VALIDATOR_EXITING,
  /** {@code get_group_index(state, validator_index) is not None}. */
  ALREADY_IN_GROUP,
  /** Not {@code 1 <= threshold <= len(pubkeys)} (this includes a registration without keys). */
  THRESHOLD_OUT_OF_RANGE,
  /** {@code len(proofs_of_possession) != len(pubkeys)}. */
  PROOF_COUNT_MISMATCH,
  /** {@code effective_balance < len(pubkeys) * MIN_ACTIVATION_BALANCE}. */
  INSUFFICIENT_BALANCE,
  /** Two keys are equal. */
  DUPLICATE_KEY,
  /** {@code is_pubkey_in_use} for a key: a validator's key (the own key included) or a stored group key. */
  KEY_IN_USE,
  /** The registration's signature by the validator's own key does not verify. */
  INVALID_SIGNATURE,
  /** {@code is_valid_group_key_proof} fails for a key (an invalid key fails it too). */
  INVALID_PROOF_OF_POSSESSION
}
