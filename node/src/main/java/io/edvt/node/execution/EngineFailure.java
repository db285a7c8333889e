package io.edvt.node.execution;

import java.util.Locale;
import java.util.Objects;

/**
 * Why an Engine API call has no result. Every failure is a value: a call never throws and its
 * future never completes exceptionally, so a dead or misconfigured execution client cannot kill
 * the thread that asked.
 */
public sealed interface EngineFailure {
  /** One line for logs and API answers. */
  String describe();

  /** The execution client answered with a JSON-RPC error object. */
  record RpcError(EngineError error, int code, String message) implements EngineFailure {
    public RpcError {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }

    /** An error with the spec's code for {@code error}. */
    public static RpcError of(EngineError error, String message) {
      return new RpcError(error, error.code(), message);
    }

    @Override
    public String describe() {
      return "engine error " + code + " " + error + ": " + message;
    }
  }

  /**
   * The execution client refused the JWT (HTTP 401 or 403): a different secret than ours, or
   * clocks more than 60 s apart.
   */
  record Unauthorized(int httpStatus, String detail) implements EngineFailure {
    @Override
    public String describe() {
      return "engine refused the JWT (HTTP " + httpStatus + "): " + detail
          + "; check that --ee-jwt-secret-file is the execution client's secret and that both clocks agree";
    }
  }

  /** No answer: the execution client could not be reached, went away mid-request, or did not answer in time. */
  record Offline(Reason reason, String detail) implements EngineFailure {
    public enum Reason {
      /** The connection could not be made (refused, no route, connect timeout). */
      UNREACHABLE,
      /** The connection broke before a whole answer arrived. */
      CONNECTION_LOST,
      /** No answer within the method's timeout. */
      TIMED_OUT
    }

    @Override
    public String describe() {
      return "engine offline (" + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): " + detail;
    }
  }

  /** The execution client answered something that is not a valid answer to the call (HTTP error, malformed JSON or fields). */
  record BadResponse(String detail) implements EngineFailure {
    @Override
    public String describe() {
      return "engine answered badly: " + detail;
    }
  }
}
