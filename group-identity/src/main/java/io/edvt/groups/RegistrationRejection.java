package io.edvt.groups;

/** Why a group registration is invalid. {@link RegistrationValidator} checks them in this order. */
public enum RegistrationRejection {
  /** The validator is not active in the current epoch. */
  VALIDATOR_NOT_ACTIVE,
  /** The validator is slashed. */
  VALIDATOR_SLASHED,
  /** The validator has initiated its exit. */
  VALIDATOR_EXITING,
  /** The validator already has a group. */
  ALREADY_IN_GROUP,
  /** No member keys. */
  NO_KEYS,
  /** More than {@code MAX_GROUP_SIZE} member keys. */
  TOO_MANY_KEYS,
  /** {@code m < 1}. */
  THRESHOLD_TOO_LOW,
  /** {@code m > n}. */
  THRESHOLD_ABOVE_GROUP_SIZE,
  /** Not exactly one proof of possession per key. */
  PROOF_COUNT_MISMATCH,
  /** Effective balance below {@code n * MIN_ACTIVATION_BALANCE}. */
  INSUFFICIENT_BALANCE,
  /** A key is not a valid public key of the scheme (BLS: fails KeyValidate). */
  INVALID_PUBLIC_KEY,
  /** Two members have the same key. */
  DUPLICATE_KEY,
  /** A key is already used by another validator or group. */
  KEY_ALREADY_USED,
  /** A proof of possession does not verify for its key. */
  INVALID_PROOF_OF_POSSESSION
}
