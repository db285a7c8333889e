package io.edvt.networking.reqresp;

import java.util.concurrent.CompletableFuture;

/**
 * Where a {@link RequestHandler} writes its answer: zero or more chunks, then {@link #complete()}
 * or {@link #error}. Thread safe; the chunks are sent in the order of the calls. Writes are queued
 * without waiting; a handler sending many large chunks waits for {@link #whenWritable()} between
 * them.
 */
public interface ResponseSink<R> {
  /**
   * Sends one success chunk.
   *
   * @throws IllegalStateException after {@link #complete()} or {@link #error}, or beyond the chunks the
   *     request allows ({@link #maxChunks()})
   */
  void next(R value);

  /** Ends the response (closes our side of the stream). */
  void complete();

  /** Ends the response with an error chunk. */
  void error(int code, String message);

  /** The most chunks this request allows. */
  long maxChunks();

  /** Completes when the stream can take more (at once if it can now). */
  CompletableFuture<Void> whenWritable();
}
