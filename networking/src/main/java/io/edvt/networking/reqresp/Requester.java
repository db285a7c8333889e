package io.edvt.networking.reqresp;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One outbound request stream: writes the request, reads and decodes the chunks under the timeouts. */
final class Requester<Q, R> implements StreamHandler {
  private final ReqResp rr;
  private final RpcMethod<Q, R> method;
  private final Q request;
  private final Consumer<? super R> onChunk;
  private final CompletableFuture<Long> done;
  private final Runnable onStreamClosed;
  private final long maxChunks;
  private final ResponseDecoder decoder;
  private Stream stream;
  private ScheduledFuture<?> timeout;
  private boolean firstByte;
  private long received;

  Requester(ReqResp rr, RpcMethod<Q, R> method, Q request, Consumer<? super R> onChunk, CompletableFuture<Long> done,
      Runnable onStreamClosed) {
    this.rr = rr;
    this.method = method;
    this.request = request;
    this.onChunk = onChunk;
    this.done = done;
    this.onStreamClosed = onStreamClosed;
    this.maxChunks = method.maxChunks().applyAsLong(request);
    this.decoder = new ResponseDecoder(method.responseTypes().bounds(rr.config().maxPayloadSize()), maxChunks);
  }

  @Override
  public synchronized void onActive(Stream s) {
    this.stream = s;
    if (done.isDone()) {
      s.reset();
      return;
    }
    method.requestType().ifPresent(type -> s.write(ChunkEncoder.request(type.serialize(request))));
    s.closeWrite();
    arm(rr.config().ttfbTimeout(), "no response byte within ");
  }

  @Override
  public synchronized void onData(Stream s, ByteBuf data) {
    try {
      if (done.isDone()) {
        return;
      }
      if (!firstByte && data.isReadable()) {
        firstByte = true;
        arm(rr.config().respTimeout(), "no response chunk within ");
      }
      accept(decoder.decode(data));
    } catch (WireFormatException e) {
      fail(e);
    } finally {
      data.release();
    }
  }

  @Override
  public synchronized void onRemoteClosed(Stream s) {
    if (done.isDone()) {
      return;
    }
    try {
      accept(decoder.finish());
    } catch (WireFormatException e) {
      fail(e);
      return;
    }
    if (!done.isDone()) {
      if (method.singleChunk() && received == 0) {
        fail(new WireFormatException(method.key() + ": the response ended without its chunk"));
      } else {
        succeed();
      }
    }
  }

  @Override
  public synchronized void onClosed(Stream s, StreamClosedException cause) {
    cancelTimeout();
    if (!done.isDone()) {
      done.completeExceptionally(cause != null ? cause
          : new WireFormatException(method.key() + ": stream closed before the response ended"));
    }
    onStreamClosed.run();
  }

  private void accept(List<ResponseDecoder.Chunk> chunks) {
    for (ResponseDecoder.Chunk c : chunks) {
      if (done.isDone()) {
        return;
      }
      if (!c.isSuccess()) {
        fail(new RpcErrorException(c.code(), new String(c.payload(), StandardCharsets.UTF_8)));
        return;
      }
      R value;
      try {
        value = method.responseTypes().typeFor(c.context()).deserialize(c.payload());
        method.responseTypes().checkContext(c.context(), value);
      } catch (SszDeserializationException | WireFormatException e) {
        fail(new WireFormatException("response chunk " + received + ": " + e.getMessage()));
        return;
      }
      received++;
      try {
        onChunk.accept(value);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      arm(rr.config().respTimeout(), "no response chunk within ");
      if (received >= maxChunks) {
        succeed();
      }
    }
  }

  private void succeed() {
    cancelTimeout();
    done.complete(received);
    if (!stream.isClosed()) {
      // the response is complete; give the peer a moment to close its side, then let go
      rr.timer().schedule(stream::reset, rr.config().respTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void fail(Throwable e) {
    cancelTimeout();
    done.completeExceptionally(e);
    stream.reset();
  }

  private void arm(Duration after, String what) {
    cancelTimeout();
    timeout = rr.timer().schedule(() -> timedOut(what + after), after.toNanos(), TimeUnit.NANOSECONDS);
  }

  private synchronized void timedOut(String message) {
    if (!done.isDone()) {
      fail(new RpcTimeoutException(method.key() + ": " + message));
    }
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
