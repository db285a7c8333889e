package io.edvt.node.execution.json;

/**
 * A JSON value that is not what the Engine API says it must be, named by its path in the answer
 * ({@code result.executionPayload.withdrawals[1].amount: ...}).
 */
public final class JsonFieldException extends RuntimeException {
  public JsonFieldException(String path, String problem) {
    super(path + ": " + problem);
  }
}
