package io.edvt.infrastructure.crypto.scheme;

/**
 * A stateful signing key has used all of its one-time keys. The key can sign nothing more; the
 * member must rotate to a new key (which it should do well before this point).
 */
public final class SigningKeyExhaustedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SigningKeyExhaustedException(String message) {
    super(message);
  }
}
