package io.edvt.reftests.lodestar;

/**
 * Lodestar cannot be run here: Node.js or npm is missing or too old, the npm registry cannot be
 * reached, a pinned version is not on it, or the installed packages do not load. Tests that need
 * Lodestar fail with this (they never pass or skip silently); the message names the cause.
 */
public final class LodestarUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LodestarUnavailableException(String message) {
    super("Lodestar (the differential-test oracle) is unavailable: " + message);
  }

  public LodestarUnavailableException(String message, Throwable cause) {
    super("Lodestar (the differential-test oracle) is unavailable: " + message, cause);
  }
}
