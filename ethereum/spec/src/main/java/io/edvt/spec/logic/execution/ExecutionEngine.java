package io.edvt.spec.logic.execution;

/**
 * The execution layer as the consensus spec sees it: {@code verify_and_notify_new_payload}.
 * A node talks to a real engine over the Engine API (a later issue); the reference tests use
 * {@link #always(boolean)} driven by a case's {@code execution.yaml}.
 */
@FunctionalInterface
public interface ExecutionEngine {
  /** {@code verify_and_notify_new_payload}: whether the payload is valid for the engine. */
  boolean verifyAndNotifyNewPayload(NewPayloadRequest request);

  /** An engine that answers every request with {@code valid}. */
  static ExecutionEngine always(boolean valid) {
    return request -> valid;
  }
}
