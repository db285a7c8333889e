package io.edvt.node.api;

/**
 * What a pool said to one submitted operation: taken in, or refused with a reason a person can act
 * on (the gossip validation's {@code [REJECT]}/{@code [IGNORE]} reason).
 */
public sealed interface SubmitResult {
  /** The operation was accepted (and will be gossiped). */
  record Accepted() implements SubmitResult {}

  /** The operation was refused; {@code reason} goes into the 400 response's {@code failures}. */
  record Rejected(String reason) implements SubmitResult {}

  static SubmitResult accepted() {
    return new Accepted();
  }

  static SubmitResult rejected(String reason) {
    return new Rejected(reason);
  }
}
