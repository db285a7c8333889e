package io.edvt.networking.transport.yamux;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.mux.MuxedStream;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.edvt.networking.transport.mux.MuxerSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * A yamux session ({@code /yamux/1.0.0}, the hashicorp spec as libp2p uses it): odd stream ids for
 * the dialer, even for the listener; SYN/ACK/FIN/RST on data or window-update frames; per-stream
 * windows starting at 256 KiB; pings answered; go-away honoured and sent on close. Violations
 * (data beyond the window, a duplicate or wrong-parity SYN, a bad header) close the connection
 * with a go-away naming the error.
 */
public final class YamuxSession extends MuxerSession {
  public static final String PROTOCOL_ID = "/yamux/1.0.0";

  private int nextStreamId;
  private boolean remoteGoAway;
  private boolean localGoAway;

  public YamuxSession(boolean initiator, MuxerConfig config, ProtocolRegistry registry) {
    super(initiator, config, registry);
    this.nextStreamId = initiator ? 1 : 2;
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  protected MuxedStream newOutboundStream() {
    YamuxStream s = new YamuxStream(this, nextStreamId, Direction.OUTBOUND, config.yamuxReceiveWindow());
    nextStreamId += 2;
    s.announce();
    return s;
  }

  @Override
  protected String refuseOutbound() {
    String r = super.refuseOutbound();
    if (r != null) {
      return r;
    }
    if (remoteGoAway) {
      return "the remote sent go-away";
    }
    if (localGoAway) {
      return "closing";
    }
    if (Integer.toUnsignedLong(nextStreamId) > 0xFFFFFFFFL - 2) {
      return "stream ids exhausted";
    }
    return null;
  }

  @Override
  protected long key(MuxedStream stream) {
    return stream.id();
  }

  @Override
  protected void sendGoAway() {
    if (!localGoAway) {
      localGoAway = true;
      writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_NORMAL, null);
    }
  }

  @Override
  protected void protocolError(String reason) {
    if (!localGoAway) {
      localGoAway = true;
      writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_PROTOCOL_ERROR, null);
    }
    super.protocolError(reason);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof YamuxFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    switch (frame.type()) {
      case YamuxFrame.TYPE_PING -> onPing(frame);
      case YamuxFrame.TYPE_GO_AWAY -> onGoAway(frame);
      default -> onStreamFrame(frame);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush();
    ctx.fireChannelReadComplete();
  }

  private void onPing(YamuxFrame frame) {
    if (frame.has(YamuxFrame.FLAG_SYN)) {
      writeFrame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_ACK, 0, frame.length(), null);
    }
    // ACKs answer pings we sent; we send none yet (the libp2p ping protocol measures latency).
  }

  private void onGoAway(YamuxFrame frame) {
    remoteGoAway = true;
    if (frame.length() != YamuxFrame.GO_AWAY_NORMAL) {
      log().log(System.Logger.Level.INFO, "{0}: remote sent yamux go-away with error code {1}", connectionLabel(),
          frame.length());
    }
  }

  private void onStreamFrame(YamuxFrame frame) {
    int id = frame.streamId();
    ByteBuf data = frame.data();
    try {
      if (id == 0) {
        protocolError("stream frame (type " + frame.type() + ") on stream id 0");
        return;
      }
      YamuxStream stream = (YamuxStream) stream(Integer.toUnsignedLong(id));
      if (frame.has(YamuxFrame.FLAG_SYN)) {
        if (stream != null) {
          protocolError("SYN for stream " + Integer.toUnsignedString(id) + ", which is open");
          return;
        }
        boolean remoteOdd = !initiator;
        if (((id & 1) == 1) != remoteOdd) {
          protocolError("SYN for stream " + Integer.toUnsignedString(id) + " with our parity");
          return;
        }
        stream = new YamuxStream(this, id, Direction.INBOUND, config.yamuxReceiveWindow());
        if (localGoAway) {
          stream.resetSilently();
          return;
        }
        stream.announce();
        if (!acceptInbound(stream)) {
          return;
        }
      }
      if (stream == null) {
        // A stream we reset or finished; frames in flight are dropped.
        return;
      }
      if (frame.type() == YamuxFrame.TYPE_WINDOW_UPDATE) {
        stream.onWindowUpdate(frame.length());
      } else if (frame.length() > 0) {
        if (!stream.acceptData(frame.length())) {
          protocolError("stream " + Integer.toUnsignedString(id) + " sent " + frame.length()
              + " bytes beyond the receive window we granted");
          return;
        }
        stream.deliver(data);
        data = null;
      }
      if (frame.has(YamuxFrame.FLAG_RST)) {
        stream.remoteReset();
      } else if (frame.has(YamuxFrame.FLAG_FIN)) {
        stream.remoteClose();
      }
    } finally {
      if (data != null) {
        data.release();
      }
    }
  }

  void writeFrame(int type, int flags, int streamId, long length, ByteBuf data) {
    ByteBuf header = alloc().buffer(YamuxFrame.HEADER_LENGTH);
    YamuxFrame.writeHeader(header, type, flags, streamId, length);
    write(header);
    if (data != null) {
      write(data);
    }
  }

  void flushSession() {
    flush();
  }
}
