package io.edvt.networking.transport.mux;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;

/**
 * What yamux and mplex streams share: the outbound queue drained as the muxer allows, inbound
 * delivery with pausing, half-close and reset bookkeeping, and the one {@code onClosed} call.
 * Subclasses say how data, close and reset go on the wire and how much may be sent now. All
 * state is touched on the event loop only.
 */
public abstract class MuxedStream implements Stream {
  /** Below this many queued bytes a stream is writable again (Netty's default low-water mark). */
  static final int LOW_WATER_MARK = 32 << 10;
  /** At this many queued bytes a stream stops being writable (Netty's default high-water mark). */
  static final int HIGH_WATER_MARK = 64 << 10;

  protected final MuxerSession session;
  private final long id;
  private final Direction direction;
  private final EventLoop eventLoop;
  private StreamHandler handler;
  private String protocol;

  private final ArrayDeque<ByteBuf> inQueue = new ArrayDeque<>();
  private long inQueuedBytes;
  private boolean readPaused;
  private boolean remoteClosed;
  private boolean remoteClosedDelivered;

  private final ArrayDeque<ByteBuf> outQueue = new ArrayDeque<>();
  private long outQueuedBytes;
  private boolean closeWriteRequested;
  private boolean localClosed;
  private volatile boolean writable = true;
  private volatile boolean ended;

  protected MuxedStream(MuxerSession session, long id, Direction direction) {
    this.session = session;
    this.id = id;
    this.direction = direction;
    this.eventLoop = session.eventLoop();
  }

  // ----------------------------------------------------------------- what the muxer implements

  /** Bytes that may be sent now (yamux: the send window). */
  protected abstract long sendCapacity();

  /** Largest data frame. */
  protected abstract int maxFrame();

  /** Writes one data frame (not flushed); {@code chunk} is owned by the callee. */
  protected abstract void sendData(ByteBuf chunk);

  /** Writes the half-close (FIN / Close). */
  protected abstract void sendClose();

  /** Writes the reset (RST / Reset). */
  protected abstract void sendReset();

  /** The handler took {@code bytes} inbound bytes (yamux credits the remote). */
  protected abstract void consumed(int bytes);

  /** Whether inbound bytes queued while paused exceed what this muxer may buffer. */
  protected abstract boolean inboundOverLimit(long queuedBytes);

  // ------------------------------------------------------------------------------- Stream API

  public long id() {
    return id;
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public Connection connection() {
    return session.connection();
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public void write(ByteBuf data) {
    if (!eventLoop.inEventLoop()) {
      eventLoop.execute(() -> {
        try {
          write(data);
        } catch (IllegalStateException e) {
          session.log().log(System.Logger.Level.DEBUG, "write from another thread refused: {0}", e.getMessage());
        }
      });
      return;
    }
    if (ended || closeWriteRequested) {
      data.release();
      throw new IllegalStateException("stream " + this + " is " + (ended ? "closed" : "closed for writing"));
    }
    if (outQueuedBytes + data.readableBytes() > MAX_QUEUED_BYTES) {
      int n = data.readableBytes();
      data.release();
      reset();
      throw new IllegalStateException("stream " + this + ": write of " + n + " bytes over " + outQueuedBytes
          + " queued exceeds " + MAX_QUEUED_BYTES + " (the writer ignored isWritable); stream reset");
    }
    outQueue.add(data);
    outQueuedBytes += data.readableBytes();
    flushOut();
  }

  @Override
  public boolean isWritable() {
    return writable;
  }

  @Override
  public java.util.concurrent.Executor executor() {
    return eventLoop;
  }

  @Override
  public void closeWrite() {
    if (!eventLoop.inEventLoop()) {
      eventLoop.execute(this::closeWrite);
      return;
    }
    if (ended || closeWriteRequested) {
      return;
    }
    closeWriteRequested = true;
    flushOut();
  }

  @Override
  public void reset() {
    if (!eventLoop.inEventLoop()) {
      eventLoop.execute(this::reset);
      return;
    }
    if (ended) {
      return;
    }
    sendReset();
    session.flush();
    end(new StreamClosedException(StreamClosedException.Kind.RESET_LOCALLY, "stream " + this + " reset locally"));
  }

  @Override
  public void setReadPaused(boolean paused) {
    if (!eventLoop.inEventLoop()) {
      eventLoop.execute(() -> setReadPaused(paused));
      return;
    }
    readPaused = paused;
    if (!paused) {
      drainInbound();
    }
  }

  @Override
  public boolean isClosed() {
    return ended;
  }

  // ------------------------------------------------------------------- called by the session

  /** Data from the remote (owned by the stream). */
  protected void onRemoteData(ByteBuf data) {
    if (ended || remoteClosed) {
      data.release();
      return;
    }
    if (readPaused || !inQueue.isEmpty()) {
      inQueue.add(data);
      inQueuedBytes += data.readableBytes();
      if (inboundOverLimit(inQueuedBytes)) {
        session.log().log(System.Logger.Level.INFO, "stream {0}: {1} bytes buffered while reading is paused; resetting",
            this, inQueuedBytes);
        reset();
      }
      return;
    }
    deliver(data);
  }

  /** The remote half-closed. */
  protected void onRemoteClose() {
    if (ended || remoteClosed) {
      return;
    }
    remoteClosed = true;
    drainInbound();
  }

  /** The remote reset the stream. */
  protected void onRemoteReset() {
    end(new StreamClosedException(StreamClosedException.Kind.RESET_BY_REMOTE, "stream " + this + " reset by the remote"));
  }

  /** The connection is gone. */
  protected void onConnectionClosed() {
    end(new StreamClosedException(StreamClosedException.Kind.CONNECTION_CLOSED, "stream " + this + ": connection closed"));
  }

  /** More may be sent (window update, channel writable again). */
  protected void onSendCapacity() {
    flushOut();
  }

  /** Ends the stream because negotiation failed, with a reset on the wire. */
  protected void failNegotiation(String reason) {
    if (ended) {
      return;
    }
    sendReset();
    session.flush();
    end(new StreamClosedException(StreamClosedException.Kind.NEGOTIATION_FAILED, "stream " + this + ": " + reason));
  }

  /** Installs the protocol negotiator as the first handler. */
  void activateNegotiator(StreamHandler negotiator) {
    this.handler = negotiator;
  }

  /** Negotiation agreed on {@code agreed}: from now on {@code next} gets the events. */
  protected void activate(String agreed, StreamHandler next) {
    this.protocol = agreed;
    this.handler = next;
    next.onActive(this);
  }

  protected boolean isLocalClosed() {
    return localClosed;
  }

  protected boolean isRemoteClosed() {
    return remoteClosed;
  }

  /**
   * Bytes that followed the protocol agreement, for the new handler. They were already credited
   * to the remote when the negotiator took them, so they are not credited again.
   */
  void deliverAfterNegotiation(ByteBuf rest) {
    if (ended) {
      rest.release();
      return;
    }
    if (readPaused || !inQueue.isEmpty()) {
      // Rare (the handler paused in onActive): credited once more when drained, a few bytes of extra window.
      inQueue.addFirst(rest);
      inQueuedBytes += rest.readableBytes();
      return;
    }
    try {
      handler.onData(this, rest);
    } catch (RuntimeException e) {
      session.log().log(System.Logger.Level.WARNING, "stream " + this + ": handler failed in onData; resetting", e);
      reset();
    }
  }

  // ------------------------------------------------------------------------------ internals

  private void deliver(ByteBuf data) {
    int n = data.readableBytes();
    try {
      handler.onData(this, data);
    } catch (RuntimeException e) {
      session.log().log(System.Logger.Level.WARNING, "stream " + this + ": handler failed in onData; resetting", e);
      reset();
      return;
    }
    if (!ended) {
      consumed(n);
    }
  }

  private void drainInbound() {
    while (!readPaused && !ended && !inQueue.isEmpty()) {
      ByteBuf next = inQueue.poll();
      inQueuedBytes -= next.readableBytes();
      deliver(next);
    }
    if (!readPaused && !ended && inQueue.isEmpty() && remoteClosed && !remoteClosedDelivered) {
      remoteClosedDelivered = true;
      try {
        handler.onRemoteClosed(this);
      } catch (RuntimeException e) {
        session.log().log(System.Logger.Level.WARNING, "stream " + this + ": handler failed in onRemoteClosed", e);
      }
      endIfBothClosed();
    }
  }

  private void flushOut() {
    if (ended) {
      return;
    }
    boolean wrote = false;
    while (!outQueue.isEmpty()) {
      ByteBuf head = outQueue.peek();
      if (!head.isReadable()) {
        outQueue.poll().release();
        continue;
      }
      long capacity = sendCapacity();
      if (capacity <= 0) {
        break;
      }
      int n = (int) Math.min(Math.min(head.readableBytes(), capacity), maxFrame());
      ByteBuf chunk = head.readRetainedSlice(n);
      outQueuedBytes -= n;
      if (!head.isReadable()) {
        outQueue.poll().release();
      }
      sendData(chunk);
      wrote = true;
    }
    if (outQueue.isEmpty() && closeWriteRequested && !localClosed) {
      localClosed = true;
      sendClose();
      wrote = true;
    }
    if (wrote) {
      session.flush();
    }
    updateWritability();
    if (localClosed) {
      endIfBothClosed();
    }
  }

  /** Recomputes writability with hysteresis (off at the high-water mark, on again at the low one). */
  void updateWritability() {
    boolean open = !ended && !closeWriteRequested && session.isChannelWritable();
    boolean now = writable
        ? open && outQueuedBytes < HIGH_WATER_MARK
        : open && outQueuedBytes <= LOW_WATER_MARK;
    if (now != writable) {
      writable = now;
      if (!ended) {
        try {
          handler.onWritabilityChanged(this);
        } catch (RuntimeException e) {
          session.log().log(System.Logger.Level.WARNING, "stream " + this + ": handler failed in onWritabilityChanged", e);
        }
      }
    }
  }

  private void endIfBothClosed() {
    if (localClosed && remoteClosed && remoteClosedDelivered) {
      end(null);
    }
  }

  private void end(StreamClosedException cause) {
    if (ended) {
      return;
    }
    ended = true;
    writable = false;
    outQueue.forEach(ByteBuf::release);
    outQueue.clear();
    inQueue.forEach(ByteBuf::release);
    inQueue.clear();
    session.removeStream(this);
    try {
      handler.onClosed(this, cause);
    } catch (RuntimeException e) {
      session.log().log(System.Logger.Level.WARNING, "stream " + this + ": handler failed in onClosed", e);
    }
  }

  @Override
  public String toString() {
    return session.connectionLabel() + "/" + (direction == Direction.OUTBOUND ? "out" : "in") + id
        + (protocol == null ? "" : " " + protocol);
  }
}
