package io.edvt.networking.transport.quic;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.mux.MuxedStream;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.edvt.networking.transport.mux.MuxerSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.incubator.codec.quic.QuicChannel;
import io.netty.incubator.codec.quic.QuicStreamChannel;
import io.netty.incubator.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The stream table of one QUIC connection, on the {@link QuicChannel}'s pipeline: QUIC has its own
 * streams, so this "muxer" only maps each QUIC stream channel to a {@link QuicStream} and lets
 * {@link MuxerSession} do the rest (limits, multistream-select per stream, ending streams with the
 * connection). Stream channels run on the connection's event loop.
 */
final class QuicSession extends MuxerSession {
  /** What {@link io.edvt.networking.transport.api.Connection#muxer()} reports for QUIC connections. */
  static final String PROTOCOL_ID = "/quic-v1";

  private static final System.Logger LOG = System.getLogger("io.edvt.networking.transport.quic");
  private final Set<QuicStream> dirty = new LinkedHashSet<>();
  private QuicChannel channel;

  QuicSession(boolean initiator, MuxerConfig config, ProtocolRegistry registry) {
    super(initiator, config, registry);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    super.handlerAdded(ctx);
    this.channel = (QuicChannel) ctx.channel();
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  protected String refuseOutbound() {
    String r = super.refuseOutbound();
    if (r == null && channel.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) <= 0) {
      r = "the peer allows no more QUIC streams now";
    }
    return r;
  }

  @Override
  protected MuxedStream newOutboundStream() {
    Future<QuicStreamChannel> f = channel.createStream(QuicStreamType.BIDIRECTIONAL, null);
    if (!f.isDone() || !f.isSuccess()) {
      f.addListener(done -> {
        if (done.isSuccess()) {
          ((QuicStreamChannel) done.getNow()).close();
        }
      });
      throw new IllegalStateException(
          f.isDone() ? "QUIC stream not created: " + f.cause() : "QUIC stream not created at once");
    }
    QuicStreamChannel sc = f.getNow();
    sc.config().setAllowHalfClosure(true);
    QuicStream stream = new QuicStream(this, sc, Direction.OUTBOUND);
    bridge(sc, stream);
    return stream;
  }

  /** A stream the remote opened: becomes an inbound stream (or is reset over the limit). */
  void acceptRemote(QuicStreamChannel sc) {
    sc.config().setAllowHalfClosure(true);
    QuicStream stream = new QuicStream(this, sc, Direction.INBOUND);
    bridge(sc, stream);
    acceptInbound(stream);
  }

  private void bridge(QuicStreamChannel sc, QuicStream stream) {
    sc.pipeline().addLast("edvt-stream", new StreamBridge(stream));
  }

  @Override
  protected long key(MuxedStream stream) {
    return stream.id();
  }

  void markDirty(QuicStream stream) {
    dirty.add(stream);
  }

  @Override
  protected void flush() {
    if (dirty.isEmpty()) {
      return;
    }
    for (QuicStream s : dirty) {
      s.channel().flush();
    }
    dirty.clear();
  }

  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(this::close);
      return;
    }
    if (channel.isActive()) {
      channel.close(true, 0, Unpooled.EMPTY_BUFFER);
    }
  }

  /**
   * Passes one stream channel's events to its {@link QuicStream}. It never closes the channel
   * after a clean end: the codec closes it once FIN went both ways, and closing it earlier would
   * send our FIN ahead of data still queued in the codec (seen in a test as a truncated reply).
   */
  private static final class StreamBridge extends ChannelInboundHandlerAdapter {
    private final QuicStream stream;

    StreamBridge(QuicStream stream) {
      this.stream = stream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf b) {
        stream.remoteData(b);
      } else {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == ChannelInputShutdownEvent.INSTANCE) {
        stream.remoteFin();
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      stream.writable();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // The QUIC stack reports a RESET_STREAM from the peer as an exception on read.
      LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", stream, cause.toString());
      stream.remoteReset();
      QuicStreamChannel sc = (QuicStreamChannel) ctx.channel();
      sc.shutdown(QuicStream.RESET_CODE).addListener(f -> sc.close());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!stream.isClosed()) {
        if (ctx.channel().parent().isActive()) {
          stream.remoteReset();
        } else {
          stream.connectionLost();
        }
      }
      ctx.fireChannelInactive();
    }
  }
}
