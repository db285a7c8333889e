package io.edvt.networking.transport.encoding;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** uvarint-length-prefixed messages (identify, and the custom protocols of the tests). */
public final class LengthPrefixed {
  private LengthPrefixed() {}

  public static ByteBuf encode(ByteBufAllocator alloc, byte[] message) {
    ByteBuf out = alloc.buffer(UVarint.encodedLength(message.length) + message.length);
    UVarint.write(out, message.length);
    out.writeBytes(message);
    return out;
  }

  /**
   * Reads one message at the reader index, or returns null (reader index unchanged) if incomplete.
   *
   * @throws WireFormatException if the announced length exceeds {@code maxLength}
   */
  public static byte[] read(ByteBuf in, int maxLength, String what) {
    int start = in.readerIndex();
    long len = UVarint.read(in);
    if (len == UVarint.INCOMPLETE) {
      return null;
    }
    if (len > maxLength) {
      throw new WireFormatException(what + ": message of " + len + " bytes exceeds " + maxLength);
    }
    if (in.readableBytes() < len) {
      in.readerIndex(start);
      return null;
    }
    byte[] out = new byte[(int) len];
    in.readBytes(out);
    return out;
  }
}
