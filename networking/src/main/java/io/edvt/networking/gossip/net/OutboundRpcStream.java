package io.edvt.networking.gossip.net;

import io.edvt.networking.gossip.router.PeerSender;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Our one long-lived outbound gossip stream to a peer. Frames from the router thread wait in a
 * queue bounded by bytes (frames beyond the bound are dropped, counted by the router's tracer) and
 * are written on the stream's event loop while the stream is writable, so that the muxer's own
 * queue stays small and a slow peer cannot make us buffer without end.
 */
final class OutboundRpcStream implements StreamHandler, PeerSender {
  private final int maxQueuedBytes;
  private final Consumer<OutboundRpcStream> onClosed;
  private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean drainScheduled;
  private Stream stream;
  private boolean closed;

  OutboundRpcStream(int maxQueuedBytes, Consumer<OutboundRpcStream> onClosed) {
    this.maxQueuedBytes = maxQueuedBytes;
    this.onClosed = onClosed;
  }

  @Override
  public boolean send(ByteBuf frame) {
    Stream s;
    synchronized (this) {
      int n = frame.readableBytes();
      if (closed || (queuedBytes + n > maxQueuedBytes && !queue.isEmpty())) {
        frame.release();
        return false;
      }
      queue.add(frame);
      queuedBytes += n;
      if (drainScheduled || stream == null) {
        return true;
      }
      drainScheduled = true;
      s = stream;
    }
    s.executor().execute(this::drain);
    return true;
  }

  /** On the event loop: writes queued frames while the stream takes them. */
  private void drain() {
    synchronized (this) {
      drainScheduled = false;
      if (stream == null) {
        return;
      }
      while (!queue.isEmpty() && stream.isWritable() && !closed) {
        ByteBuf f = queue.poll();
        queuedBytes -= f.readableBytes();
        try {
          stream.write(f);
        } catch (IllegalStateException e) {
          closed = true; // the stream is closing; onClosed follows
        }
      }
    }
  }

  @Override
  public void onActive(Stream s) {
    synchronized (this) {
      stream = s;
    }
    drain();
  }

  @Override
  public void onWritabilityChanged(Stream s) {
    drain();
  }

  @Override
  public void onData(Stream s, ByteBuf data) {
    data.release(); // nothing is expected on our outbound stream
  }

  @Override
  public void onClosed(Stream s, StreamClosedException cause) {
    synchronized (this) {
      closed = true;
      queue.forEach(ByteBuf::release);
      queue.clear();
      queuedBytes = 0;
    }
    onClosed.accept(this);
  }

  synchronized String protocol() {
    return stream == null ? null : stream.protocol();
  }

  void close() {
    Stream s;
    synchronized (this) {
      s = stream;
    }
    if (s != null) {
      s.closeWrite();
    }
  }
}
