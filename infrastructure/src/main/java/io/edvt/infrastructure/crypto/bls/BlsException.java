package io.edvt.infrastructure.crypto.bls;

/**
 * A BLS operation was given input it cannot work with: an empty list where the spec asserts a
 * non-empty one, a secret key outside {@code [1, r)}, a point that does not decode, and so on.
 *
 * <p>Verification methods never throw this for bad keys or signatures; they return {@code false}.
 */
public class BlsException extends RuntimeException {
  public BlsException(String message) {
    super(message);
  }

  public BlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
