package io.edvt.networking.transport.mplex;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.mux.MuxedStream;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.edvt.networking.transport.mux.MuxerSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * An mplex session ({@code /mplex/6.7.0}): stream ids are per initiator (our stream 3 and theirs
 * are different streams), NewStream carries a name we ignore, Close half-closes, Reset aborts.
 * What Lodestar 1.5.1 speaks.
 */
public final class MplexSession extends MuxerSession {
  public static final String PROTOCOL_ID = "/mplex/6.7.0";

  private long nextStreamId;

  public MplexSession(boolean initiator, MuxerConfig config, ProtocolRegistry registry) {
    super(initiator, config, registry);
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  protected MuxedStream newOutboundStream() {
    long id = nextStreamId++;
    MplexStream s = new MplexStream(this, id, Direction.OUTBOUND);
    ByteBuf name = alloc().buffer();
    name.writeCharSequence(Long.toString(id), StandardCharsets.US_ASCII);
    writeFrame(id, MplexFrame.NEW_STREAM, name);
    return s;
  }

  /** Ours and theirs apart: the low bit says who opened the stream. */
  @Override
  protected long key(MuxedStream stream) {
    return key(stream.id(), stream.direction() == Direction.OUTBOUND);
  }

  private static long key(long id, boolean weOpened) {
    return (id << 1) | (weOpened ? 1 : 0);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof MplexFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf data = frame.data();
    try {
      // A frame from the stream's initiator concerns a stream the remote opened.
      boolean weOpened = !frame.fromInitiator();
      MplexStream stream = (MplexStream) stream(key(frame.streamId(), weOpened));
      switch (frame.flag()) {
        case MplexFrame.NEW_STREAM -> {
          if (stream != null) {
            protocolError("NewStream for stream " + frame.streamId() + ", which is open");
            return;
          }
          acceptInbound(new MplexStream(this, frame.streamId(), Direction.INBOUND));
        }
        case MplexFrame.MESSAGE_INITIATOR, MplexFrame.MESSAGE_RECEIVER -> {
          if (stream != null) {
            stream.deliver(data);
            data = null;
          }
        }
        case MplexFrame.CLOSE_INITIATOR, MplexFrame.CLOSE_RECEIVER -> {
          if (stream != null) {
            stream.remoteClose();
          }
        }
        default -> {
          if (stream != null) {
            stream.remoteReset();
          }
        }
      }
    } finally {
      if (data != null) {
        data.release();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush();
    ctx.fireChannelReadComplete();
  }

  void writeFrame(long id, int flag, ByteBuf data) {
    int length = data == null ? 0 : data.readableBytes();
    ByteBuf header = alloc().buffer(UVarint.MAX_BYTES * 2);
    UVarint.write(header, (id << 3) | flag);
    UVarint.write(header, length);
    write(header);
    if (data != null) {
      write(data);
    }
  }
}
