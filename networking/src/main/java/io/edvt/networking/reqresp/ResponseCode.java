package io.edvt.networking.reqresp;

/**
 * The result byte that starts every response chunk (phase0 p2p-interface, "Responding side"): 0
 * success, 1 to 3 the spec's errors, 4 to 127 reserved (treated as errors), 128 to 255 free for
 * request-specific errors; every non-zero code is followed by an {@code ErrorMessage}.
 */
public final class ResponseCode {
  public static final int SUCCESS = 0;
  public static final int INVALID_REQUEST = 1;
  public static final int SERVER_ERROR = 2;
  public static final int RESOURCE_UNAVAILABLE = 3;
  /**
   * Ours, in the range the spec leaves to clients (Lighthouse uses the same number): a request the
   * rate limiter cannot serve within the withholding bound, or one stream too many at once.
   */
  public static final int RATE_LIMITED = 139;

  private ResponseCode() {}

  /** The code's name for messages: {@code 1 (InvalidRequest)}, {@code 77 (reserved)}. */
  public static String describe(int code) {
    String name = switch (code) {
      case SUCCESS -> "Success";
      case INVALID_REQUEST -> "InvalidRequest";
      case SERVER_ERROR -> "ServerError";
      case RESOURCE_UNAVAILABLE -> "ResourceUnavailable";
      case RATE_LIMITED -> "RateLimited";
      default -> code < 128 ? "reserved" : "request-specific";
    };
    return code + " (" + name + ")";
  }
}
