package io.edvt.networking.reqresp;

/**
 * An error response: thrown by a request handler to answer with {@code code} and {@code message}
 * (e.g. {@link ResponseCode#INVALID_REQUEST} for a count above {@code MAX_REQUEST_BLOCKS}), and the
 * failure a requester sees when the peer answered with an error chunk.
 */
public final class RpcErrorException extends RuntimeException {
  private final int code;

  public RpcErrorException(int code, String message) {
    super(message, null, false, false);
    if (code <= 0 || code > 255) {
      throw new IllegalArgumentException("error code must be in [1, 255], got " + code);
    }
    this.code = code;
  }

  public int code() {
    return code;
  }

  @Override
  public String toString() {
    return "error response " + ResponseCode.describe(code) + ": " + getMessage();
  }
}
