package io.edvt.groups;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking member signatures: the distinct members whose signatures were verified,
 * or the first failed check with a message naming the member or the numbers involved. Immutable.
 */
public final class ThresholdResult {
  private final SignerSet signers;
  private final ThresholdFailure failure;
  private final String message;

  private ThresholdResult(SignerSet signers, ThresholdFailure failure, String message) {
    this.signers = signers;
    this.failure = failure;
    this.message = message;
  }

  static ThresholdResult valid(SignerSet signers) {
    return new ThresholdResult(signers, null, "valid signatures of members " + signers);
  }

  static ThresholdResult invalid(ThresholdFailure failure, String message) {
    return new ThresholdResult(SignerSet.EMPTY, Objects.requireNonNull(failure), message);
  }

  public boolean isValid() {
    return failure == null;
  }

  /** The distinct members whose signatures verified; empty when the check failed. */
  public SignerSet signers() {
    return signers;
  }

  public Optional<ThresholdFailure> failure() {
    return Optional.ofNullable(failure);
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return failure == null ? message : failure + ": " + message;
  }
}
