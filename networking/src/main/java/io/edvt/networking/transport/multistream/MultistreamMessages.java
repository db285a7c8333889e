package io.edvt.networking.transport.multistream;

import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * multistream-select 1.0 messages: a uvarint length, then UTF-8 text ending in {@code '\n'}
 * (the length counts the newline).
 */
public final class MultistreamMessages {
  public static final String HEADER = "/multistream/1.0.0";
  public static final String NA = "na";
  public static final String LS = "ls";
  /** Longest message we accept or send (js-libp2p and go-libp2p use the same bound). */
  public static final int MAX_MESSAGE_BYTES = 1024;

  private MultistreamMessages() {}

  public static void write(ByteBuf out, String line) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    if (text.length + 1 > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("multistream message longer than " + MAX_MESSAGE_BYTES + " bytes: " + line);
    }
    UVarint.write(out, text.length + 1);
    out.writeBytes(text);
    out.writeByte('\n');
  }

  public static ByteBuf encode(ByteBufAllocator alloc, List<String> lines) {
    ByteBuf out = alloc.buffer();
    for (String line : lines) {
      write(out, line);
    }
    return out;
  }

  /** The answer to {@code ls}: one message holding each protocol as its own message, then a newline. */
  public static void writeList(ByteBuf out, List<String> protocols) {
    ByteBuf inner = io.netty.buffer.Unpooled.buffer();
    try {
      for (String p : protocols) {
        write(inner, p);
      }
      inner.writeByte('\n');
      UVarint.write(out, inner.readableBytes());
      out.writeBytes(inner);
    } finally {
      inner.release();
    }
  }

  /**
   * Reads one message without its newline, or returns null (reader index unchanged) when the
   * buffer does not hold a whole one yet.
   *
   * @throws WireFormatException if it is too long, empty, lacks its newline or is not UTF-8
   */
  public static String read(ByteBuf in) {
    int start = in.readerIndex();
    long len = UVarint.read(in);
    if (len == UVarint.INCOMPLETE) {
      return null;
    }
    if (len > MAX_MESSAGE_BYTES) {
      throw new WireFormatException("multistream message of " + len + " bytes exceeds " + MAX_MESSAGE_BYTES);
    }
    if (len == 0) {
      throw new WireFormatException("empty multistream message (no newline)");
    }
    if (in.readableBytes() < len) {
      in.readerIndex(start);
      return null;
    }
    if (in.getByte(in.readerIndex() + (int) len - 1) != '\n') {
      throw new WireFormatException("multistream message of " + len + " bytes does not end in a newline");
    }
    ByteBuffer text = in.nioBuffer(in.readerIndex(), (int) len - 1);
    in.skipBytes((int) len);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(text)
          .toString();
    } catch (CharacterCodingException e) {
      throw new WireFormatException("multistream message is not UTF-8");
    }
  }
}
