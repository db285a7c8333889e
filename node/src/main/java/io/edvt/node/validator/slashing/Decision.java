package io.edvt.node.validator.slashing;

/** The answer of slashing protection to a signing request. */
public sealed interface Decision {
  /** Sign: the message is recorded durably (or is an exact repeat of a recorded one). */
  record Allowed(boolean repeat) implements Decision {}

  /** Do not sign; {@code reason} is the EIP-3076 rule the message breaks, with the numbers. */
  record Refused(String reason) implements Decision {}

  default boolean allowed() {
    return this instanceof Allowed;
  }

  Decision SIGN = new Allowed(false);
  Decision REPEAT = new Allowed(true);
}
