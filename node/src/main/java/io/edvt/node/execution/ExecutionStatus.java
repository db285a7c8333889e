package io.edvt.node.execution;

/**
 * The {@code status} of an Engine API {@code PayloadStatusV1} (execution-apis, paris.md): what the
 * execution client concluded about a payload.
 */
public enum ExecutionStatus {
  /** Fully validated. */
  VALID,
  /** Validated and found invalid; {@code latestValidHash} names the last valid ancestor if known. */
  INVALID,
  /** Not validated: the client lacks data (an unknown parent, a sync in progress). */
  SYNCING,
  /** The block hash is right and the ancestors are known, but the payload is on a side chain and not validated yet. */
  ACCEPTED,
  /** The block hash does not match the payload's fields. */
  INVALID_BLOCK_HASH;

  /** Whether the payload is known to be invalid ({@code INVALID} or {@code INVALID_BLOCK_HASH}). */
  public boolean isInvalid() {
    return this == INVALID || this == INVALID_BLOCK_HASH;
  }

  /**
   * Whether the execution client neither validated nor rejected the payload ({@code SYNCING} or
   * {@code ACCEPTED}): consensus-specs {@code sync/optimistic.md} lets such a block be imported
   * optimistically.
   */
  public boolean isNotValidated() {
    return this == SYNCING || this == ACCEPTED;
  }
}
