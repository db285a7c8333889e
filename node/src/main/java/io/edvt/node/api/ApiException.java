package io.edvt.node.api;

/**
 * A request the API answers with an error: the status and a message that names what was wrong
 * (the parameter and its value, or what is missing). {@link ApiServer} turns it into the standard
 * {@code {"code": ..., "message": ...}} body.
 */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 400: a parameter or body the client got wrong. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** 404: a well-formed request for something this node does not have. */
  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
