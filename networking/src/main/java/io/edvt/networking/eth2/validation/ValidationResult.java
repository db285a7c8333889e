package io.edvt.networking.eth2.validation;

import java.util.Objects;

/**
 * The outcome of a gossip validation: {@link Accept} (relay and process), {@link Ignore} (drop,
 * do not relay, do not penalise: an {@code [IGNORE]} rule) or {@link Reject} (drop and penalise
 * the sender: a {@code [REJECT]} rule). The reason is the spec's own wording of the rule.
 */
public sealed interface ValidationResult {
  Accept ACCEPT = new Accept();

  /** The message passed every rule. */
  record Accept() implements ValidationResult {
    @Override
    public String toString() {
      return "ACCEPT";
    }
  }

  /** An {@code [IGNORE]} rule failed. */
  record Ignore(String reason) implements ValidationResult {
    public Ignore {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return "IGNORE(" + reason + ")";
    }
  }

  /** A {@code [REJECT]} rule failed. */
  record Reject(String reason) implements ValidationResult {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return "REJECT(" + reason + ")";
    }
  }

  static Ignore ignore(String reason) {
    return new Ignore(reason);
  }

  static Reject reject(String reason) {
    return new Reject(reason);
  }

  default boolean isAccept() {
    return this instanceof Accept;
  }

  /** The reason, empty for {@link Accept}. */
  default String reason() {
    return switch (this) {
      case Accept a -> "";
      case Ignore i -> i.reason();
      case Reject r -> r.reason();
    };
  }
}
