package io.edvt.networking.transport.api;

/** Why a stream ended without both sides closing it: a reset (by whom) or the connection's loss. */
public final class StreamClosedException extends RuntimeException {
  /** How the stream ended. */
  public enum Kind {
    RESET_BY_REMOTE,
    RESET_LOCALLY,
    CONNECTION_CLOSED,
    NEGOTIATION_FAILED
  }

  private final Kind kind;

  public StreamClosedException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
