package io.edvt.spec.logic.common;

/**
 * A spec {@code assert} that failed: the block, operation or slot processing is invalid. The
 * message is the spec's condition, e.g. {@code block.slot > latest_block_header.slot}, with
 * the values that broke it.
 */
public class StateTransitionException extends RuntimeException {
  public StateTransitionException(String message) {
    super(message);
  }

  /** Throws when {@code condition} is false; {@code specCondition} is the spec's wording. */
  public static void check(boolean condition, String specCondition) {
    if (!condition) {
      throw new StateTransitionException("assertion failed: " + specCondition);
    }
  }

  /** As {@link #check(boolean, String)}, with a formatted detail (only built on failure). */
  public static void check(boolean condition, String specCondition, Object... details) {
    if (!condition) {
      StringBuilder sb = new StringBuilder("assertion failed: ").append(specCondition).append(" (");
      for (int i = 0; i < details.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(details[i]);
      }
      throw new StateTransitionException(sb.append(')').toString());
    }
  }
}
