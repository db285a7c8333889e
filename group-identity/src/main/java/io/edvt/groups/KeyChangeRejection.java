package io.edvt.groups;

/**
 * Why a key change is invalid: one reason per assertion of {@code process_group_key_change},
 * checked in the spec's order.
 */
public enum KeyChangeRejection {
  /** {@code validator_index >= len(state.validators)}. */
  UNKNOWN_VALIDATOR,
  /** Not {@code is_active_validator(validator, current_epoch)}. */
  VALIDATOR_NOT_ACTIVE,
  /** {@code validator.slashed}. */
  VALIDATOR_SLASHED,
  /** The validator has no group. */
  NO_GROUP,
  /** The newest stored key set activates after the current epoch: a change is already pending. */
  CHANGE_ALREADY_PENDING,
  /** {@code len(group.key_sets) >= GROUP_KEY_SETS_LIMIT}: wait until the oldest retired set is pruned. */
  KEY_SET_LIMIT_REACHED,
  /** {@code current_key_set_epoch} is not the activation epoch of the key set in force (replay protection). */
  STALE_KEY_SET_EPOCH,
  /** {@code member_index > n}. */
  MEMBER_INDEX_OUT_OF_RANGE,
  /** A change without a key (removal, threshold only) carries a non-zero proof of possession. */
  PROOF_NOT_EMPTY,
  /** Removing the only member ({@code n == 1}). */
  CANNOT_REMOVE_LAST_MEMBER,
  /** {@code is_pubkey_in_use(state, new_pubkey)}: a validator's key or a stored group key (this group's too). */
  KEY_IN_USE,
  /** {@code is_valid_group_key_proof} fails for the new key (an invalid key fails it too). */
  INVALID_PROOF_OF_POSSESSION,
  /** Adding a member to a key set of {@code MAX_GROUP_SIZE} keys. */
  GROUP_FULL,
  /** Not {@code 1 <= new_threshold <= len(new pubkeys)}. */
  THRESHOLD_OUT_OF_RANGE,
  /** Neither the keys nor the threshold change. */
  NO_EFFECT,
  /** The change adds a member without {@code MIN_ACTIVATION_BALANCE} of effective balance per member of the new set. */
  INSUFFICIENT_BALANCE,
  /** Not signed by at least {@code threshold} members of the key set in force ({@code is_valid_threshold_signature}). */
  NOT_AUTHORISED
}
