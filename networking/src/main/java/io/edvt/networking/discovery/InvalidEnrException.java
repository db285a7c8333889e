package io.edvt.networking.discovery;

/**
 * An ENR (or one of its fields) that we refuse: not base64 or RLP, too large, a bad signature, an
 * unsupported identity scheme, or an eth2 field that breaks its encoding. The message names the
 * field and the numbers.
 */
public final class InvalidEnrException extends RuntimeException {
  public InvalidEnrException(String message) {
    super(message, null, false, false);
  }

  public InvalidEnrException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
