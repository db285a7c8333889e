package io.edvt.groups;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The content of a key change operation (protocol decision 10): replace one member's key, or add
 * a member at index {@code n}, and/or set a new threshold. At least one of the two parts must be
 * present. Authorisation (signatures of {@code m} current members over the operation's signing
 * root) travels next to it as {@link MemberSignatures}.
 */
public record KeyChange<K, S>(Optional<Replacement<K, S>> replacement, OptionalInt newThreshold) {
  public KeyChange {
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(newThreshold, "newThreshold");
  }

  /**
   * A new key for member {@code member}; {@code member == n} adds a member.
   *
   * @param proofOfPossession the new key's proof of possession
   */
  public record Replacement<K, S>(int member, K newKey, S proofOfPossession) {
    public Replacement {
      Objects.requireNonNull(newKey, "newKey");
      Objects.requireNonNull(proofOfPossession, "proofOfPossession");
    }
  }

  public static <K, S> KeyChange<K, S> replaceKey(int member, K newKey, S proofOfPossession) {
    return new KeyChange<>(Optional.of(new Replacement<>(member, newKey, proofOfPossession)), OptionalInt.empty());
  }

  public static <K, S> KeyChange<K, S> setThreshold(int threshold) {
    return new KeyChange<>(Optional.empty(), OptionalInt.of(threshold));
  }

  public static <K, S> KeyChange<K, S> replaceKeyAndSetThreshold(
      int member, K newKey, S proofOfPossession, int threshold) {
    return new KeyChange<>(Optional.of(new Replacement<>(member, newKey, proofOfPossession)), OptionalInt.of(threshold));
  }
}
