package io.edvt.networking.transport.mux;

import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.multistream.MultistreamDialer;
import io.edvt.networking.transport.multistream.MultistreamListener;
import io.edvt.networking.transport.multistream.MultistreamMessages;
import io.edvt.networking.transport.multistream.MultistreamWriter;
import io.edvt.networking.transport.multistream.Negotiation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of every stream: runs multistream-select on it, then hands the stream to the
 * protocol's handler (the registry's for inbound streams, the opener's for outbound ones) with
 * any bytes that followed the agreement (js-libp2p may send data right behind its proposal).
 */
final class StreamNegotiator implements StreamHandler {
  private final MuxedStream stream;
  private final Negotiation negotiation;
  private final ProtocolRegistry registry;
  private final StreamHandler outboundHandler;
  private final CompletableFuture<Stream> opened;
  private final ByteBuf buffer = Unpooled.buffer();
  private ScheduledFuture<?> timeout;
  private boolean done;

  private StreamNegotiator(MuxedStream stream, Negotiation negotiation, ProtocolRegistry registry,
      StreamHandler outboundHandler, CompletableFuture<Stream> opened) {
    this.stream = stream;
    this.negotiation = negotiation;
    this.registry = registry;
    this.outboundHandler = outboundHandler;
    this.opened = opened;
  }

  static StreamNegotiator outbound(MuxedStream stream, List<String> protocols, StreamHandler handler,
      CompletableFuture<Stream> opened) {
    return new StreamNegotiator(stream, new MultistreamDialer(protocols), null, handler, opened);
  }

  static StreamNegotiator inbound(MuxedStream stream, ProtocolRegistry registry) {
    return new StreamNegotiator(stream, new MultistreamListener(registry::supports, registry::protocols), registry,
        null, null);
  }

  void start(long timeoutMillis) {
    timeout = stream.session.eventLoop().schedule(
        () -> fail("no protocol agreed within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
    send(negotiation.start());
  }

  @Override
  public void onData(Stream s, ByteBuf data) {
    try {
      buffer.writeBytes(data);
    } finally {
      data.release();
    }
    try {
      while (!done) {
        String message = MultistreamMessages.read(buffer);
        if (message == null) {
          buffer.discardSomeReadBytes();
          return;
        }
        switch (negotiation.onMessage(message)) {
          case Negotiation.Outcome.Continue c -> send(c.send());
          case Negotiation.Outcome.Selected sel -> selected(sel);
          case Negotiation.Outcome.Failed f -> fail(f.reason());
        }
      }
    } catch (WireFormatException e) {
      fail(e.getMessage());
    }
  }

  private void selected(Negotiation.Outcome.Selected sel) {
    send(sel.send());
    StreamHandler next = registry != null ? registry.newHandler(sel.protocol()) : outboundHandler;
    if (next == null) {
      fail("protocol " + sel.protocol() + " was unregistered during negotiation");
      return;
    }
    done = true;
    timeout.cancel(false);
    ByteBuf rest = buffer.isReadable() ? buffer.retainedSlice() : null;
    buffer.release();
    stream.activate(sel.protocol(), next);
    if (opened != null) {
      opened.complete(stream);
    }
    if (rest != null) {
      stream.deliverAfterNegotiation(rest);
    }
  }

  private void fail(String reason) {
    if (done) {
      return;
    }
    done = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    buffer.release();
    stream.failNegotiation("multistream-select: " + reason);
  }

  private void send(List<String> messages) {
    if (!messages.isEmpty()) {
      stream.write(MultistreamWriter.encode(stream.session.alloc(), negotiation, messages));
    }
  }

  @Override
  public void onRemoteClosed(Stream s) {
    fail("the remote closed the stream before a protocol was agreed");
  }

  @Override
  public void onClosed(Stream s, StreamClosedException cause) {
    if (!done) {
      done = true;
      timeout.cancel(false);
      buffer.release();
    }
    if (opened != null) {
      opened.completeExceptionally(cause != null ? cause
          : new StreamClosedException(StreamClosedException.Kind.NEGOTIATION_FAILED, "stream closed during negotiation"));
    }
  }
}
