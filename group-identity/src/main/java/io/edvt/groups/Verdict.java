package io.edvt.groups;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a validation rule: accepted, or rejected with a specific reason and a message
 * naming the offending detail (member index, key, numbers). Immutable.
 *
 * @param <R> the rule's enumeration of rejection reasons
 */
public final class Verdict<R extends Enum<R>> {
  private static final Verdict<?> ACCEPTED = new Verdict<>(null, "accepted");

  private final R reason;
  private final String message;

  private Verdict(R reason, String message) {
    this.reason = reason;
    this.message = message;
  }

  @SuppressWarnings("unchecked")
  public static <R extends Enum<R>> Verdict<R> accepted() {
    return (Verdict<R>) ACCEPTED;
  }

  public static <R extends Enum<R>> Verdict<R> rejected(R reason, String message) {
    return new Verdict<>(Objects.requireNonNull(reason), Objects.requireNonNull(message));
  }

  public boolean isAccepted() {
    return reason == null;
  }

  public boolean isRejected() {
    return reason != null;
  }

  /** Why the rule rejected; empty when accepted. */
  public Optional<R> reason() {
    return Optional.ofNullable(reason);
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verdict<?> other
        && Objects.equals(reason, other.reason)
        && message.equals(other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reason, message);
  }

  @Override
  public String toString() {
    return reason == null ? "accepted" : reason + ": " + message;
  }
}
