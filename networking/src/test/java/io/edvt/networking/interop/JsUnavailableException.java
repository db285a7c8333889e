package io.edvt.networking.interop;

/**
 * Node.js, npm, the registry or a pinned js-libp2p package is missing here. Tests that need the js
 * peer fail with it (they never skip): the message names what is missing and how to retry by hand.
 */
public final class JsUnavailableException extends RuntimeException {
  public JsUnavailableException(String message) {
    super(message);
  }

  public JsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
