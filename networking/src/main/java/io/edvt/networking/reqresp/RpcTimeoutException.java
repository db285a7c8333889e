package io.edvt.networking.reqresp;

/** The peer did not send the first byte, or a next chunk, in time; the stream was reset. */
public final class RpcTimeoutException extends RuntimeException {
  public RpcTimeoutException(String message) {
    super(message, null, false, false);
  }
}
