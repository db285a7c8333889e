package io.edvt.networking.eth2.validation;

/** What is known of a block's execution payload (the spec's {@code PayloadValidationStatus}). */
public enum PayloadStatus {
  /** The execution client said the payload is valid. */
  VALID,
  /** The execution client said the payload is invalid. */
  INVALIDATED,
  /** No answer yet (the block was imported optimistically), or nothing known. */
  NOT_VALIDATED
}
