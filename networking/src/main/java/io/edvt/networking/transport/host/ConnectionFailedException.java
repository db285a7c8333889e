package io.edvt.networking.transport.host;

/** A dial or an inbound connection did not become a muxed connection; the message says at which step. */
public final class ConnectionFailedException extends RuntimeException {
  public ConnectionFailedException(String message) {
    super(message);
  }

  public ConnectionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
