package io.edvt.networking.transport.mux;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What yamux and mplex sessions share: the stream table with its limits, opening streams with
 * protocol negotiation, passing channel writability on to the streams, and ending every stream
 * when the connection goes. The last handler of a connection's pipeline.
 */
public abstract class MuxerSession extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.transport.mux");

  protected final MuxerConfig config;
  protected final boolean initiator;
  private final ProtocolRegistry registry;
  private final Map<Long, MuxedStream> streams = new HashMap<>();
  private int inboundCount;
  private int outboundCount;
  private ChannelHandlerContext ctx;
  private Connection connection;
  private String label = "?";

  /** @param initiator whether we dialled the connection (yamux stream id parity, mplex does not care) */
  protected MuxerSession(boolean initiator, MuxerConfig config, ProtocolRegistry registry) {
    this.initiator = initiator;
    this.config = config;
    this.registry = registry;
  }

  /** The muxer's protocol id. */
  public abstract String protocolId();

  /** Creates our new stream with a fresh id and announces it (SYN / NewStream), not flushed. */
  protected abstract MuxedStream newOutboundStream();

  /** The table key of a stream: mplex distinguishes ids per initiator, yamux ids are unique already. */
  protected abstract long key(MuxedStream stream);

  /** Sends what closing the whole session says (yamux go-away); default nothing. */
  protected void sendGoAway() {}

  public void bind(Connection connection, String label) {
    this.connection = connection;
    this.label = label;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  // ---------------------------------------------------------------------------------- streams

  public CompletableFuture<Stream> openStream(List<String> protocols, StreamHandler handler) {
    CompletableFuture<Stream> opened = new CompletableFuture<>();
    if (!eventLoop().inEventLoop()) {
      eventLoop().execute(() -> openOnLoop(protocols, handler, opened));
    } else {
      openOnLoop(protocols, handler, opened);
    }
    return opened;
  }

  private void openOnLoop(List<String> protocols, StreamHandler handler, CompletableFuture<Stream> opened) {
    String refusal = refuseOutbound();
    if (refusal == null && outboundCount >= config.maxOutboundStreams()) {
      refusal = "at the limit of " + config.maxOutboundStreams() + " outbound streams";
    }
    if (refusal != null) {
      opened.completeExceptionally(new StreamClosedException(StreamClosedException.Kind.RESET_LOCALLY,
          "cannot open a stream on " + label + ": " + refusal));
      return;
    }
    MuxedStream stream;
    try {
      stream = newOutboundStream();
    } catch (RuntimeException e) { // QUIC: the transport refused a new stream (e.g. the peer's limit)
      opened.completeExceptionally(new StreamClosedException(StreamClosedException.Kind.RESET_LOCALLY,
          "cannot open a stream on " + label + ": " + e.getMessage()));
      return;
    }
    StreamNegotiator negotiator = StreamNegotiator.outbound(stream, protocols, handler, opened);
    stream.activateNegotiator(negotiator);
    streams.put(key(stream), stream);
    outboundCount++;
    negotiator.start(config.negotiationTimeout().toMillis());
    flush();
  }

  /** Why no stream may be opened now (connection closing, go-away received), or null. */
  protected String refuseOutbound() {
    return ctx == null || !ctx.channel().isActive() ? "connection closed" : null;
  }

  /**
   * Takes a stream the remote opened: resets it when over the inbound limit, otherwise starts
   * protocol negotiation on it. Returns whether it was accepted.
   */
  protected boolean acceptInbound(MuxedStream stream) {
    if (inboundCount >= config.maxInboundStreams()) {
      LOG.log(System.Logger.Level.DEBUG, "{0}: inbound stream {1} over the limit of {2}; reset", label, stream.id(),
          config.maxInboundStreams());
      stream.sendReset();
      flush();
      return false;
    }
    StreamNegotiator negotiator = StreamNegotiator.inbound(stream, registry);
    stream.activateNegotiator(negotiator);
    streams.put(key(stream), stream);
    inboundCount++;
    negotiator.start(config.negotiationTimeout().toMillis());
    return true;
  }

  protected MuxedStream stream(long key) {
    return streams.get(key);
  }

  void removeStream(MuxedStream stream) {
    if (streams.remove(key(stream)) != null) {
      if (stream.direction() == Direction.INBOUND) {
        inboundCount--;
      } else {
        outboundCount--;
      }
    }
  }

  public int streamCount() {
    return streams.size();
  }

  // ---------------------------------------------------------------------------- channel side

  /** Closes the connection: go-away where the muxer has one, then the channel. */
  public void close() {
    if (ctx == null) {
      return;
    }
    if (!eventLoop().inEventLoop()) {
      eventLoop().execute(this::close);
      return;
    }
    if (ctx.channel().isActive()) {
      sendGoAway();
      ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
    }
  }

  /** Closes the connection because the remote broke the muxer protocol. */
  protected void protocolError(String reason) {
    LOG.log(System.Logger.Level.INFO, "{0}: closing: {1} protocol error: {2}", label, protocolId(), reason);
    close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    for (MuxedStream s : new ArrayList<>(streams.values())) {
      s.onSendCapacity();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    for (MuxedStream s : new ArrayList<>(streams.values())) {
      s.onConnectionClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof WireFormatException || cause.getCause() instanceof WireFormatException) {
      WireFormatException w = cause instanceof WireFormatException x ? x : (WireFormatException) cause.getCause();
      protocolError(w.getMessage());
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }

  public boolean isChannelWritable() {
    return ctx != null && ctx.channel().isWritable();
  }

  protected void write(Object frame) {
    ctx.write(frame, ctx.voidPromise());
  }

  protected void flush() {
    ctx.flush();
  }

  protected EventLoop eventLoop() {
    return ctx.channel().eventLoop();
  }

  protected ByteBufAllocator alloc() {
    return ctx.alloc();
  }

  Connection connection() {
    return connection;
  }

  protected String connectionLabel() {
    return label;
  }

  protected System.Logger log() {
    return LOG;
  }
}
