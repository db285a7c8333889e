package io.edvt.groups;

/** Why a key change is invalid. {@link KeyChangeValidator} checks them in this order. */
public enum KeyChangeRejection {
  /** The group has no key set in force at the current epoch. */
  NO_KEY_SET_IN_FORCE,
  /** A change is already scheduled and has not taken effect yet (at most one pending set). */
  CHANGE_ALREADY_PENDING,
  /** Neither a key nor a threshold. */
  EMPTY_CHANGE,
  /** The member index is neither an existing member nor {@code n} (add). */
  MEMBER_INDEX_OUT_OF_RANGE,
  /** Adding a member to a group that already has {@code MAX_GROUP_SIZE}. */
  GROUP_FULL,
  /** Adding a member without {@code (n + 1) * MIN_ACTIVATION_BALANCE} effective balance. */
  INSUFFICIENT_BALANCE,
  /** The resulting threshold is not in {@code [1, n']}. */
  THRESHOLD_OUT_OF_RANGE,
  /** Only a threshold, equal to the current one: the change would change nothing. */
  NO_EFFECT,
  /** The new key is not a valid public key of the scheme. */
  INVALID_PUBLIC_KEY,
  /** The new key is one of this group's retained keys (current, pending or retired). */
  KEY_ALREADY_IN_GROUP,
  /** The new key is used by another validator or group. */
  KEY_ALREADY_USED,
  /** The change does not carry valid signatures of at least {@code m} current members. */
  NOT_AUTHORISED,
  /** The new key's proof of possession does not verify. */
  INVALID_PROOF_OF_POSSESSION
}
