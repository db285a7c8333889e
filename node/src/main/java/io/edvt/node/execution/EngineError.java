package io.edvt.node.execution;

/**
 * The JSON-RPC error codes of the Engine API (execution-apis, common.md "Errors"), so callers can
 * tell "no such build" from "bad parameters" without comparing numbers.
 */
public enum EngineError {
  PARSE_ERROR(-32700),
  INVALID_REQUEST(-32600),
  METHOD_NOT_FOUND(-32601),
  INVALID_PARAMS(-32602),
  INTERNAL_ERROR(-32603),
  /** A generic client error; its {@code data.err} explains it. */
  SERVER_ERROR(-32000),
  /** The build process of a payload id does not exist. */
  UNKNOWN_PAYLOAD(-38001),
  /** The forkchoice state is invalid or inconsistent (e.g. the finalized block is not an ancestor of the head). */
  INVALID_FORKCHOICE_STATE(-38002),
  /** The head was applied but the payload attributes are invalid (e.g. a timestamp not after the head's). */
  INVALID_PAYLOAD_ATTRIBUTES(-38003),
  TOO_LARGE_REQUEST(-38004),
  /** The payload or attributes belong to a fork this method version does not serve. */
  UNSUPPORTED_FORK(-38005),
  TOO_DEEP_REORG(-38006),
  /** A code the Engine API does not define. */
  OTHER(0);

  /**
   * The code early Engine API drafts gave "Unknown payload" before execution-apis moved the
   * application errors to -38xxx; {@code @ethereumjs/client} 0.10.5 still answers with it.
   */
  public static final int LEGACY_UNKNOWN_PAYLOAD = -32001;

  private final int code;

  EngineError(int code) {
    this.code = code;
  }

  /** The spec's code ({@code 0} for {@link #OTHER}). */
  public int code() {
    return code;
  }

  /** The error a JSON-RPC code stands for. */
  public static EngineError of(int code) {
    if (code == LEGACY_UNKNOWN_PAYLOAD) {
      return UNKNOWN_PAYLOAD;
    }
    for (EngineError error : values()) {
      if (error.code == code && error != OTHER) {
        return error;
      }
    }
    return OTHER;
  }
}
