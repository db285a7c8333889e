package io.edvt.networking.reqresp;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * The snappy <em>framing</em> format (google/snappy {@code framing_format.txt}) as req/resp uses
 * it: each payload is one framed stream, a stream identifier chunk and then data chunks of at most
 * {@value #MAX_CHUNK_DATA} uncompressed bytes each, compressed ({@code 0x00}) or stored
 * ({@code 0x01}) when compression does not help, every one with the masked CRC32C of its
 * uncompressed bytes. {@link SnappyFrameDecoder} reads them back.
 */
public final class SnappyFrames {
  /** Chunk type of the stream identifier. */
  static final int STREAM_IDENTIFIER = 0xFF;
  static final int COMPRESSED = 0x00;
  static final int UNCOMPRESSED = 0x01;
  static final int PADDING = 0xFE;
  /** The stream identifier's body. */
  static final byte[] MAGIC = {'s', 'N', 'a', 'P', 'p', 'Y'};
  /** The largest uncompressed data a chunk may carry. */
  public static final int MAX_CHUNK_DATA = 65_536;
  /** The stream identifier chunk: type, 3-byte length 6, {@code sNaPpY}. */
  static final int STREAM_IDENTIFIER_SIZE = 4 + MAGIC.length;

  private SnappyFrames() {}

  /** Appends {@code raw[offset, offset+length)} to {@code out} as one framed stream. */
  public static void encode(byte[] raw, int offset, int length, ByteBuf out) {
    out.writeByte(STREAM_IDENTIFIER).writeMediumLE(MAGIC.length).writeBytes(MAGIC);
    byte[] compressed = new byte[Snappy.maxCompressedLength(Math.min(length, MAX_CHUNK_DATA))];
    for (int at = offset; at < offset + length; at += MAX_CHUNK_DATA) {
      int n = Math.min(MAX_CHUNK_DATA, offset + length - at);
      int crc = maskedCrc32c(raw, at, n);
      int size;
      try {
        size = Snappy.compress(raw, at, n, compressed, 0);
      } catch (IOException e) {
        throw new UncheckedIOException("snappy compression failed", e);
      }
      if (size < n) {
        out.writeByte(COMPRESSED).writeMediumLE(4 + size).writeIntLE(crc).writeBytes(compressed, 0, size);
      } else {
        out.writeByte(UNCOMPRESSED).writeMediumLE(4 + n).writeIntLE(crc).writeBytes(raw, at, n);
      }
    }
  }

  /** {@code raw} as one framed stream. */
  public static byte[] encode(byte[] raw) {
    ByteBuf out = io.netty.buffer.Unpooled.buffer(raw.length + 32);
    try {
      encode(raw, 0, raw.length, out);
      return io.netty.buffer.ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  /** The CRC32C of the bytes, masked as the framing format prescribes. */
  static int maskedCrc32c(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xA282EAD8;
  }

  /**
   * {@code max_compressed_len(n)} of the phase0 p2p spec: the most bytes a reader reads after a
   * length prefix of {@code n} ({@code 32 + n + n / 6}, snappy's worst case).
   */
  public static long maxCompressedLength(long n) {
    return 32 + n + n / 6;
  }
}
