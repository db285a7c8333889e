package io.edvt.networking.transport.noise;

/** The noise handshake or a transport message failed (bad MAC, bad identity signature, ...). */
public final class NoiseException extends RuntimeException {
  public NoiseException(String message) {
    super(message);
  }

  public NoiseException(String message, Throwable cause) {
    super(message, cause);
  }
}
