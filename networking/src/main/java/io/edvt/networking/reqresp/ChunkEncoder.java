package io.edvt.networking.reqresp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.apache.tuweni.bytes.Bytes;

/**
 * Writes the {@code ssz_snappy} wire forms: a request (length prefix and framed snappy stream), a
 * success chunk (result byte 0, context bytes if the method has them, payload) and an error chunk
 * (its code and the UTF-8 message as an {@code ErrorMessage} of at most 256 bytes, cut at a
 * character boundary).
 */
public final class ChunkEncoder {
  private ChunkEncoder() {}

  /** A request payload. */
  public static ByteBuf request(byte[] ssz) {
    ByteBuf out = ByteBufAllocator.DEFAULT.buffer(ssz.length + 32);
    payload(out, ssz);
    return out;
  }

  /** A success chunk; {@code context} is empty for a method without context bytes. */
  public static ByteBuf success(Bytes context, byte[] ssz) {
    ByteBuf out = ByteBufAllocator.DEFAULT.buffer(1 + context.size() + ssz.length + 32);
    out.writeByte(ResponseCode.SUCCESS);
    out.writeBytes(context.toArrayUnsafe());
    payload(out, ssz);
    return out;
  }

  /** An error chunk with {@code code} (not 0) and {@code message}. */
  public static ByteBuf error(int code, String message) {
    if (code <= 0 || code > 255) {
      throw new IllegalArgumentException("error code must be in [1, 255], got " + code);
    }
    byte[] text = errorMessageBytes(message);
    ByteBuf out = ByteBufAllocator.DEFAULT.buffer(1 + text.length + 32);
    out.writeByte(code);
    payload(out, text);
    return out;
  }

  /** {@code message} in UTF-8, cut to 256 bytes without splitting a character. */
  static byte[] errorMessageBytes(String message) {
    byte[] b = String.valueOf(message).getBytes(StandardCharsets.UTF_8);
    if (b.length <= ResponseDecoder.ERROR_MESSAGE.max()) {
      return b;
    }
    int end = (int) ResponseDecoder.ERROR_MESSAGE.max();
    while (end > 0 && (b[end] & 0xC0) == 0x80) {
      end--; // b[end] continues a character: cut before the character's first byte
    }
    return java.util.Arrays.copyOf(b, end);
  }

  private static void payload(ByteBuf out, byte[] ssz) {
    LengthPrefix.write(out, ssz.length);
    SnappyFrames.encode(ssz, 0, ssz.length, out);
  }
}
