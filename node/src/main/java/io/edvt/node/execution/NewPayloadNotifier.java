package io.edvt.node.execution;

import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The spec's {@code ExecutionEngine} for importing one block: {@code verify_and_notify_new_payload}
 * sends {@code engine_newPayloadV4} with the request the state transition built (the payload, the
 * versioned hashes of the block's blob commitments, the parent beacon block root and the execution
 * requests) and returns {@code true} at once, as optimistic import does; the engine's answer
 * arrives in {@link #verdict()} while the rest of the block is processed.
 *
 * <p>The importer runs the state transition with a new notifier per block, then, if the
 * transition succeeded, acts on the verdict (see {@link PayloadVerdict}):
 *
 * <pre>{@code
 * NewPayloadNotifier notifier = new NewPayloadNotifier(engineApi);
 * BeaconState post = transition.stateTransition(pre, block, true, verifier, notifier);
 * notifier.verdict().thenAcceptAsync(verdict -> switch (verdict) {
 *   case PayloadVerdict.Valid v -> importAsValid(block, post);
 *   case PayloadVerdict.Optimistic o -> importOptimistically(block, post);
 *   case PayloadVerdict.Invalid i -> rejectAndInvalidate(block, i.latestValidHash());
 *   case PayloadVerdict.Unavailable u -> requeue(block, u.failure());
 * }, chainThread);
 * }</pre>
 *
 * A transition that fails its own checks throws before or after the call; the engine may have
 * seen the payload by then, which does no harm (it never becomes canonical without a
 * {@code forkchoiceUpdated}).
 */
public final class NewPayloadNotifier implements ExecutionEngine {
  private final EngineApi engine;
  private final CompletableFuture<PayloadVerdict> verdict = new CompletableFuture<>();
  private boolean called;

  public NewPayloadNotifier(EngineApi engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * {@code verify_and_notify_new_payload} (Electra and later, with optimistic import): sends the
   * payload to the engine and answers {@code true}; the verdict comes through {@link #verdict()}.
   *
   * @throws IllegalStateException on a second call: a notifier serves one block
   */
  @Override
  public synchronized boolean verifyAndNotifyNewPayload(NewPayloadRequest request) {
    if (called) {
      throw new IllegalStateException("a NewPayloadNotifier serves one block; this one was called already");
    }
    called = true;
    engine.newPayloadV4(request).thenApply(PayloadVerdict::of).thenAccept(verdict::complete);
    return true;
  }

  /**
   * The engine's verdict on the payload, once it answers (within the 8 s {@code newPayload}
   * timeout for an engine over HTTP); never completes exceptionally. It stays incomplete if the
   * state transition never reached the payload.
   */
  public CompletableFuture<PayloadVerdict> verdict() {
    return verdict;
  }
}
