package io.edvt.networking.transport.api;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Executor;

/**
 * One muxed stream of a {@link Connection}, after its protocol was agreed with multistream-select.
 *
 * <p>Threading: every {@link StreamHandler} callback runs on the connection's event loop; the
 * methods here may be called from any thread (they hop to the event loop) and never block.
 *
 * <p>Backpressure, outbound: {@link #write} always queues (up to {@link #MAX_QUEUED_BYTES}); a
 * writer that cares checks {@link #isWritable()} and waits for
 * {@link StreamHandler#onWritabilityChanged}. Data leaves the queue as fast as the muxer allows:
 * yamux's send window (the remote's credit) and mplex's one-frame-at-a-time.
 *
 * <p>Backpressure, inbound: a handler that cannot keep up calls {@link #setReadPaused(boolean)};
 * yamux then stops crediting the remote (which stops sending once its window is used), mplex
 * buffers up to a bound and resets the stream beyond it (mplex has no flow control).
 */
public interface Stream {
  /**
   * Writes beyond this many queued (not yet sent) bytes are refused: the stream is reset and
   * {@link #write} throws, so a writer that ignores {@link #isWritable()} cannot exhaust memory.
   */
  int MAX_QUEUED_BYTES = 32 << 20;

  /** The agreed protocol id, e.g. {@code /eth2/beacon_chain/req/status/1/ssz_snappy}. */
  String protocol();

  Connection connection();

  Direction direction();

  /**
   * Queues {@code data} for sending; takes ownership of the buffer (it is released even when the
   * write is refused).
   *
   * @throws IllegalStateException if the stream is closed for writing or reset, or the queue is full
   */
  void write(ByteBuf data);

  /** Whether the queue is below its high-water mark and the connection is writable. */
  boolean isWritable();

  /** Half-closes: sends what is queued, then FIN (yamux) / Close (mplex). Reading goes on. */
  void closeWrite();

  /** Aborts both directions at once; queued data is dropped. */
  void reset();

  /** Stops (true) or resumes (false) delivery of {@link StreamHandler#onData}; see the class comment. */
  void setReadPaused(boolean paused);

  /** Whether both sides have closed or the stream was reset. */
  boolean isClosed();

  /**
   * The event loop this stream's {@link StreamHandler} callbacks run on. A writer on another thread
   * that wants {@link #write} and {@link #isWritable()} to agree (a bounded queue of its own that it
   * drains while writable) runs its drain here.
   */
  Executor executor();
}
