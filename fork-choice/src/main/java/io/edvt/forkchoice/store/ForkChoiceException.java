package io.edvt.forkchoice.store;

/**
 * A fork-choice handler refused its input: one of the spec's assertions failed. The store is
 * unchanged. {@link #reason()} says which rule, the message gives the spec's condition and the
 * values involved.
 */
public final class ForkChoiceException extends RuntimeException {

  /** Which rule refused the input. */
  public enum Reason {
    /** {@code on_block}: {@code block.parent_root in store.block_states}. */
    UNKNOWN_PARENT,
    /** {@code on_block}: {@code get_current_slot(store) >= block.slot}. */
    FUTURE_SLOT,
    /** {@code on_block}: {@code block.slot > compute_start_slot_at_epoch(store.finalized_checkpoint.epoch)}. */
    NOT_AFTER_FINALIZED_SLOT,
    /** {@code on_block}: the parent's checkpoint block at the finalized epoch is the finalized block. */
    NOT_DESCENDANT_OF_FINALIZED,
    /** {@code on_block}: {@code is_data_available(block_root)}. */
    DATA_UNAVAILABLE,
    /** {@code on_block}: {@code state_transition(state, signed_block, validate_result=True)} failed. */
    INVALID_STATE_TRANSITION,
    /** {@code validate_on_attestation} failed. */
    INVALID_ATTESTATION_TIMING_OR_TARGET,
    /** {@code on_attestation}: the indexed attestation is not valid in the target checkpoint state. */
    INVALID_ATTESTATION,
    /** {@code on_attester_slashing}: not slashable, or an attestation is not valid. */
    INVALID_ATTESTER_SLASHING
  }

  private final Reason reason;

  public ForkChoiceException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public ForkChoiceException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Throws a {@code ForkChoiceException} unless {@code condition} holds. */
  static void check(boolean condition, Reason reason, String specCondition) {
    if (!condition) {
      throw new ForkChoiceException(reason, specCondition);
    }
  }
}
