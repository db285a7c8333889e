package io.edvt.networking.reqresp;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One inbound request stream of a method: reads, checks, rate-limits and dispatches the request. */
final class Responder<Q, R> implements StreamHandler {
  private final ReqResp rr;
  private final RpcMethod<Q, R> method;
  private final RequestHandler<Q, R> handler;
  private Stream stream;
  private PeerId peer;
  private RequestDecoder decoder;
  private ScheduledFuture<?> readTimeout;
  private boolean holdsSlot;
  private boolean dispatched;
  private Sink sink;

  Responder(ReqResp rr, RpcMethod<Q, R> method, RequestHandler<Q, R> handler) {
    this.rr = rr;
    this.method = method;
    this.handler = handler;
  }

  @Override
  public synchronized void onActive(Stream s) {
    this.stream = s;
    this.peer = s.connection().remotePeerId();
    if (!rr.inboundSlots().tryAcquire(peer, method.key())) {
      refuse(ResponseCode.RATE_LIMITED, "more than " + rr.config().maxConcurrentRequests() + " concurrent "
          + method.key() + " requests");
      return;
    }
    holdsSlot = true;
    decoder = new RequestDecoder(method.requestType().map(t -> SizeBounds.of(t, rr.config().maxPayloadSize())));
    if (method.requestType().isEmpty()) {
      dispatch(new byte[0]);
      return;
    }
    readTimeout = rr.timer().schedule(this::requestTimedOut, rr.config().ttfbTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void onData(Stream s, ByteBuf data) {
    try {
      if (dispatched) {
        if (data.isReadable() && sink != null && !sink.ended) {
          ReqResp.log().log(Level.DEBUG, "{0} from {1}: {2} bytes after the request; resetting", method.key(), peer,
              data.readableBytes());
          s.reset();
        }
        return;
      }
      if (decoder.decode(data)) {
        dispatch(decoder.finish());
      }
    } catch (WireFormatException e) {
      refuse(ResponseCode.INVALID_REQUEST, e.getMessage());
    } finally {
      data.release();
    }
  }

  @Override
  public synchronized void onRemoteClosed(Stream s) {
    if (dispatched) {
      return;
    }
    try {
      dispatch(decoder.finish());
    } catch (WireFormatException e) {
      refuse(ResponseCode.INVALID_REQUEST, e.getMessage());
    }
  }

  @Override
  public void onWritabilityChanged(Stream s) {
    Sink current;
    synchronized (this) {
      current = sink;
    }
    if (current != null && s.isWritable()) {
      current.wakeWriters();
    }
  }

  @Override
  public synchronized void onClosed(Stream s, StreamClosedException cause) {
    cancelTimeout();
    if (sink != null) {
      sink.ended = true;
      sink.wakeWriters();
    }
    if (holdsSlot) {
      holdsSlot = false;
      rr.inboundSlots().release(peer, method.key());
    }
  }

  private void requestTimedOut() {
    synchronized (this) {
      if (dispatched || stream.isClosed()) {
        return;
      }
      ReqResp.log().log(Level.DEBUG, "{0} from {1}: no complete request within {2}; resetting", method.key(), peer,
          rr.config().ttfbTimeout());
      dispatched = true;
      stream.reset();
    }
  }

  private void dispatch(byte[] ssz) {
    dispatched = true;
    cancelTimeout();
    Q request = null;
    if (method.requestType().isPresent()) {
      SszType<Q> type = method.requestType().get();
      try {
        request = type.deserialize(ssz);
      } catch (SszDeserializationException e) {
        refuse(ResponseCode.INVALID_REQUEST, "invalid " + type.name() + ": " + e.getMessage());
        return;
      }
    }
    long cost = method.cost().applyAsLong(request);
    long delay = rr.rateLimiter().acquire(peer, method.key(), cost);
    if (delay < 0) {
      refuse(ResponseCode.RATE_LIMITED, "rate limited: " + method.key() + " requests of " + cost + " exceed the quota");
      return;
    }
    Sink s = new Sink(method.maxChunks().applyAsLong(request));
    this.sink = s;
    Q req = request;
    Runnable call = () -> {
      try {
        handler.handle(peer, req, s);
      } catch (RpcErrorException e) {
        s.error(e.code(), e.getMessage());
      } catch (RuntimeException e) {
        ReqResp.log().log(Level.WARNING, method.key() + " handler failed for " + peer, e);
        s.error(ResponseCode.SERVER_ERROR, "internal error");
      }
    };
    if (delay == 0) {
      rr.handlers().execute(call);
    } else {
      rr.timer().schedule(() -> rr.handlers().execute(call), delay, TimeUnit.NANOSECONDS);
    }
  }

  /** Answers with an error chunk and closes, without calling the handler. */
  private void refuse(int code, String message) {
    dispatched = true;
    cancelTimeout();
    ReqResp.log().log(Level.DEBUG, "{0} from {1}: {2} {3}", method.key(), peer, ResponseCode.describe(code), message);
    if (!stream.isClosed()) {
      stream.write(ChunkEncoder.error(code, message));
      stream.closeWrite();
    }
  }

  private void cancelTimeout() {
    if (readTimeout != null) {
      readTimeout.cancel(false);
      readTimeout = null;
    }
  }

  /** The handler's view of the stream. */
  private final class Sink implements ResponseSink<R> {
    private final long maxChunks;
    private long sent;
    volatile boolean ended;
    private final List<CompletableFuture<Void>> writers = new ArrayList<>();

    Sink(long maxChunks) {
      this.maxChunks = maxChunks;
    }

    @Override
    public synchronized void next(R value) {
      if (ended) {
        throw new IllegalStateException(method.key() + " response to " + peer + " has ended");
      }
      if (sent >= maxChunks) {
        throw new IllegalStateException(method.key() + " request allows " + maxChunks + " chunks, one more was sent");
      }
      ResponseTypes<R> types = method.responseTypes();
      byte[] ssz = types.serialize(value);
      if (ssz.length > rr.config().maxPayloadSize()) {
        throw new IllegalStateException(method.key() + " chunk of " + ssz.length + " bytes exceeds MAX_PAYLOAD_SIZE");
      }
      stream.write(ChunkEncoder.success(types.contextOf(value), ssz));
      sent++;
    }

    @Override
    public synchronized void complete() {
      if (!ended) {
        ended = true;
        stream.closeWrite();
      }
    }

    @Override
    public synchronized void error(int code, String message) {
      if (!ended) {
        ended = true;
        stream.write(ChunkEncoder.error(code, message));
        stream.closeWrite();
      }
    }

    @Override
    public long maxChunks() {
      return maxChunks;
    }

    @Override
    public CompletableFuture<Void> whenWritable() {
      if (ended || stream.isWritable()) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      synchronized (this) {
        writers.add(f);
      }
      if (ended || stream.isWritable()) {
        wakeWriters();
      }
      return f;
    }

    void wakeWriters() {
      List<CompletableFuture<Void>> woken;
      synchronized (this) {
        woken = List.copyOf(writers);
        writers.clear();
      }
      for (CompletableFuture<Void> f : woken) {
        rr.handlers().execute(() -> f.complete(null));
      }
    }
  }
}
