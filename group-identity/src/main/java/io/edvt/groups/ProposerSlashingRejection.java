package io.edvt.groups;

/** Why a proposer slashing is invalid: the assertions of {@code process_proposer_slashing}, in order. */
public enum ProposerSlashingRejection {
  /** {@code header_1.slot != header_2.slot}. */
  SLOT_MISMATCH,
  /** {@code header_1.proposer_index != header_2.proposer_index}. */
  PROPOSER_MISMATCH,
  /** {@code header_1 == header_2} (headers differing only in {@code signer_bits} or signature are the same header). */
  SAME_HEADER,
  /** Not {@code is_slashable_validator(proposer, current_epoch)}. */
  PROPOSER_NOT_SLASHABLE,
  /** A header is not signed by at least {@code threshold} members of the key set in force at its epoch. */
  INVALID_THRESHOLD_SIGNATURE
}
