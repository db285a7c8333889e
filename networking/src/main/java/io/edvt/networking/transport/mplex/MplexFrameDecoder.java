package io.edvt.networking.transport.mplex;

import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Cuts the plaintext byte stream into {@link MplexFrame}s of at most 1 MiB (the mplex spec's limit). */
public final class MplexFrameDecoder extends ByteToMessageDecoder {
  public static final int MAX_MESSAGE = 1 << 20;
  /** Stream ids we accept: far more than any peer opens, and they fit a table key. */
  static final long MAX_STREAM_ID = (1L << 60) - 1;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    MplexFrame frame;
    while ((frame = decodeOne(in)) != null) {
      out.add(frame);
    }
  }

  /**
   * One frame at the reader index (data as a retained slice), or null with the reader index
   * unchanged when incomplete.
   *
   * @throws WireFormatException for an unknown flag, an oversized message or a bad varint
   */
  public static MplexFrame decodeOne(ByteBuf in) {
    int start = in.readerIndex();
    long header = UVarint.read(in);
    if (header == UVarint.INCOMPLETE) {
      return null;
    }
    long length = UVarint.read(in);
    if (length == UVarint.INCOMPLETE) {
      in.readerIndex(start);
      return null;
    }
    int flag = (int) (header & 7);
    long id = header >>> 3;
    if (flag > MplexFrame.RESET_INITIATOR) {
      throw new WireFormatException("mplex: unknown flag " + flag + " on stream " + id);
    }
    if (id > MAX_STREAM_ID) {
      throw new WireFormatException("mplex: stream id " + id + " too large");
    }
    if (length > MAX_MESSAGE) {
      throw new WireFormatException("mplex: message of " + length + " bytes on stream " + id + " exceeds " + MAX_MESSAGE);
    }
    if (in.readableBytes() < length) {
      in.readerIndex(start);
      return null;
    }
    return new MplexFrame(id, flag, in.readRetainedSlice((int) length));
  }
}
