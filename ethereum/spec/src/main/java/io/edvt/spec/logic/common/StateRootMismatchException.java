package io.edvt.spec.logic.common;

import org.apache.tuweni.bytes.Bytes32;

/**
 * The last assertion of {@code state_transition} failed: {@code block.state_root} is not the root
 * of the post-state. Its own type because almost any wrong block also fails it, so a test that
 * expects a block to be rejected by some other rule must be able to tell this rejection apart.
 */
public final class StateRootMismatchException extends StateTransitionException {
  /** The spec's wording of the check. */
  public static final String CONDITION = "block.state_root == hash_tree_root(state)";

  public StateRootMismatchException(Bytes32 blockStateRoot, Bytes32 postStateRoot) {
    super("assertion failed: " + CONDITION + " (" + blockStateRoot + ", " + postStateRoot + ")");
  }
}
