package io.edvt.networking.reqresp;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;

/**
 * The {@code ssz_snappy} length prefix: an unsigned protobuf varint of at most 10 bytes, the whole
 * {@code uint64} range (so an 8-byte-or-more value is still read and then refused by the size
 * bounds, with its number in the message). Read incrementally: the bytes of a prefix may arrive
 * one at a time.
 */
final class LengthPrefix {
  static final int MAX_BYTES = 10;

  private long value;
  private int bytes;

  /**
   * Consumes prefix bytes from {@code in}.
   *
   * @return whether the prefix is complete ({@link #value()} is then its value)
   * @throws WireFormatException for more than 10 bytes or a value beyond {@code 2^64 - 1}
   */
  boolean read(ByteBuf in) {
    while (in.isReadable()) {
      int b = in.readUnsignedByte();
      if (bytes == MAX_BYTES - 1 && b > 1) {
        throw new WireFormatException("length prefix exceeds 2^64 - 1 (10th byte 0x" + Integer.toHexString(b) + ")");
      }
      value |= (long) (b & 0x7F) << (7 * bytes);
      bytes++;
      if ((b & 0x80) == 0) {
        return true;
      }
      if (bytes == MAX_BYTES) {
        throw new WireFormatException("length prefix longer than " + MAX_BYTES + " bytes");
      }
    }
    return false;
  }

  boolean started() {
    return bytes > 0;
  }

  /** The value as an unsigned 64-bit number. */
  long value() {
    return value;
  }

  void reset() {
    value = 0;
    bytes = 0;
  }

  static void write(ByteBuf out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }
}
