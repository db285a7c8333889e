package io.edvt.networking.transport.encoding;

import io.netty.buffer.ByteBuf;

/**
 * Unsigned LEB128 varints as the multiformats unsigned-varint spec defines them: at most 9 bytes
 * (values below 2^63) and minimally encoded. Used by multistream-select, mplex, multiaddrs and
 * every uvarint-length-prefixed message.
 */
public final class UVarint {
  /** The spec's bound: 9 bytes carry 63 bits. */
  public static final int MAX_BYTES = 9;

  /** What {@link #read} returns when the buffer ends inside the varint. */
  public static final long INCOMPLETE = -1;

  private UVarint() {}

  public static int encodedLength(long value) {
    checkNonNegative(value);
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  public static void write(ByteBuf out, long value) {
    checkNonNegative(value);
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  public static byte[] encode(long value) {
    byte[] out = new byte[encodedLength(value)];
    int i = 0;
    while ((value & ~0x7FL) != 0) {
      out[i++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[i] = (byte) value;
    return out;
  }

  /**
   * Reads a varint at the reader index. Returns {@link #INCOMPLETE} (reader index unchanged) when
   * the buffer ends first.
   *
   * @throws WireFormatException if it is longer than 9 bytes or not minimally encoded
   */
  public static long read(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (start + i >= end) {
        return INCOMPLETE;
      }
      int b = in.getByte(start + i) & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new WireFormatException("uvarint is not minimally encoded (" + (i + 1) + " bytes ending in 0x00)");
        }
        in.readerIndex(start + i + 1);
        return value;
      }
    }
    throw new WireFormatException("uvarint longer than " + MAX_BYTES + " bytes");
  }

  /** Reads a varint from {@code bytes} at {@code pos[0]}, advancing it; throws if the array ends first. */
  public static long read(byte[] bytes, int[] pos) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (pos[0] >= bytes.length) {
        throw new WireFormatException("uvarint truncated after " + i + " bytes");
      }
      int b = bytes[pos[0]++] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new WireFormatException("uvarint is not minimally encoded (" + (i + 1) + " bytes ending in 0x00)");
        }
        return value;
      }
    }
    throw new WireFormatException("uvarint longer than " + MAX_BYTES + " bytes");
  }

  private static void checkNonNegative(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uvarint value must be in [0, 2^63), got " + value);
    }
  }
}
