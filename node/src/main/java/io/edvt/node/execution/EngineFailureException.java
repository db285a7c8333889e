package io.edvt.node.execution;

/** Thrown by {@link EngineResponse#orElseThrow()}: the call failed, for the reason it carries. */
public final class EngineFailureException extends RuntimeException {
  private final transient EngineFailure failure;

  public EngineFailureException(EngineFailure failure) {
    super(failure.describe());
    this.failure = failure;
  }

  public EngineFailure failure() {
    return failure;
  }
}
