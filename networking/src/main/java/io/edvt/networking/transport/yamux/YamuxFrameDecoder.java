package io.edvt.networking.transport.yamux;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the plaintext byte stream into {@link YamuxFrame}s. A data frame may not exceed
 * {@code maxDataLength} (the largest receive window we ever grant), so a peer cannot make us buffer
 * more than that before the session checks the stream's window.
 */
public final class YamuxFrameDecoder extends ByteToMessageDecoder {
  private final long maxDataLength;

  public YamuxFrameDecoder(long maxDataLength) {
    this.maxDataLength = maxDataLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    YamuxFrame frame;
    while ((frame = decodeOne(in, maxDataLength)) != null) {
      out.add(frame);
    }
  }

  /**
   * Decodes one frame at the reader index, or returns null (reader index unchanged) if the buffer
   * does not hold it all. Data frames carry a retained slice of {@code in}.
   *
   * @throws WireFormatException for a version other than 0, an unknown type or an oversized data frame
   */
  public static YamuxFrame decodeOne(ByteBuf in, long maxDataLength) {
    if (in.readableBytes() < YamuxFrame.HEADER_LENGTH) {
      return null;
    }
    int at = in.readerIndex();
    int version = in.getUnsignedByte(at);
    int type = in.getUnsignedByte(at + 1);
    int flags = in.getUnsignedShort(at + 2);
    int streamId = in.getInt(at + 4);
    long length = in.getUnsignedInt(at + 8);
    if (version != YamuxFrame.VERSION) {
      throw new WireFormatException("yamux: unsupported version " + version);
    }
    if (type > YamuxFrame.TYPE_GO_AWAY) {
      throw new WireFormatException("yamux: unknown frame type " + type);
    }
    if (type != YamuxFrame.TYPE_DATA) {
      in.skipBytes(YamuxFrame.HEADER_LENGTH);
      return new YamuxFrame(type, flags, streamId, length, null);
    }
    if (length > maxDataLength) {
      throw new WireFormatException("yamux: data frame of " + length + " bytes on stream " + Integer.toUnsignedString(streamId)
          + " exceeds the largest window we grant (" + maxDataLength + ")");
    }
    if (in.readableBytes() < YamuxFrame.HEADER_LENGTH + length) {
      return null;
    }
    in.skipBytes(YamuxFrame.HEADER_LENGTH);
    return new YamuxFrame(type, flags, streamId, length, in.readRetainedSlice((int) length));
  }
}
