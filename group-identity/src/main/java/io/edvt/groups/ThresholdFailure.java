package io.edvt.groups;

/**
 * Why a set of member signatures does not show that the group acted. Checks run in this order (the
 * order of {@code is_valid_threshold_signature}); each names the spec's condition it breaks.
 */
public enum ThresholdFailure {
  /** No key set signs for the validator at the epoch (unknown validator, or a pruned key set). */
  NO_KEY_SET("key_set is not None"),
  /** An {@link MemberSignatures.Individual} has a different number of signatures than signer bits. */
  SIGNATURE_COUNT_MISMATCH("len(signatures) == len(signers)"),
  /** Fewer distinct signers than the threshold (checked before any signature is verified). */
  TOO_FEW_SIGNERS("len(signers) >= key_set.threshold"),
  /** A claimed signer's index is not a member of the key set in force ({@code >= n}). */
  SIGNER_OUT_OF_RANGE("member_index < len(key_set.pubkeys) for every signer"),
  /** An aggregate was given but the group's scheme cannot aggregate. */
  AGGREGATION_UNSUPPORTED("the scheme aggregates"),
  /** A member's signature (or the aggregate) does not verify against the key set in force. */
  INVALID_SIGNATURE("the members' signatures verify (bls.FastAggregateVerify(pubkeys, signing_root, signature))");

  private final String specCondition;

  ThresholdFailure(String specCondition) {
    this.specCondition = specCondition;
  }

  /** The condition of {@code is_valid_threshold_signature} that failed, in the spec's words. */
  public String specCondition() {
    return specCondition;
  }
}
