package io.edvt.groups;

/** Why a set of member signatures does not show that the group acted. Checks run in this order (the order of {@code is_valid_threshold_signature}). */
public enum ThresholdFailure {
  /** No key set signs for the validator at the epoch (unknown validator, or a pruned key set). */
  NO_KEY_SET,
  /** An {@link MemberSignatures.Individual} has a different number of signatures than signer bits. */
  SIGNATURE_COUNT_MISMATCH,
  /** Fewer distinct signers than the threshold (checked before any signature is verified). */
  TOO_FEW_SIGNERS,
  /** A claimed signer's index is not a member of the key set in force ({@code >= n}). */
  SIGNER_OUT_OF_RANGE,
  /** An aggregate was given but the group's scheme cannot aggregate. */
  AGGREGATION_UNSUPPORTED,
  /** A member's signature (or the aggregate) does not verify against the key set in force. */
  INVALID_SIGNATURE
}
