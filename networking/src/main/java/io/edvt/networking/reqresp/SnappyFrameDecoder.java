package io.edvt.networking.reqresp;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one payload of a known uncompressed length from the snappy framing format, incrementally
 * (a stream identifier chunk first, then data chunks until the length is reached):
 * {@link #decode} takes whatever bytes have arrived and says when the payload is complete; bytes
 * after the payload stay in the buffer (the next response chunk starts there).
 *
 * <p>Checked, with the numbers in the error: the stream starts with a stream identifier (and any
 * later identifier is exact); compressed and stored chunks carry at most
 * {@value SnappyFrames#MAX_CHUNK_DATA} bytes and never more than the payload still needs; each
 * chunk's masked CRC32C matches; reserved unskippable chunk types ({@code 0x02..0x7F}) are
 * refused; skippable and padding chunks are skipped. Everything read, frame headers included,
 * counts against {@code maxFramedBytes} ({@code max_compressed_len(n)}), so a peer cannot make us
 * read more than that for one payload, nor buffer more than one chunk.
 */
public final class SnappyFrameDecoder {
  private static final int MAX_COMPRESSED_CHUNK = 4 + 76_490; // CRC + snappy's worst case for 64 KiB

  private final byte[] payload;
  private final long maxFramedBytes;
  private int produced;
  private long consumed;
  private boolean sawIdentifier;
  /** Header of the chunk being read, or -1 between chunks. */
  private int chunkType = -1;
  private int chunkLength;
  /** Bytes of a chunk body gathered so far when it arrives in pieces (null when reading whole). */
  private byte[] partial;
  private int partialFilled;
  private int skipRemaining;
  /** A chunk header that arrived in pieces. */
  private final byte[] header = new byte[4];
  private int headerFilled;

  /**
   * @param length the uncompressed length the header announced
   * @param maxFramedBytes the most framed bytes to read for it
   */
  public SnappyFrameDecoder(int length, long maxFramedBytes) {
    if (length < 0) {
      throw new IllegalArgumentException("negative payload length " + length);
    }
    this.payload = new byte[length];
    this.maxFramedBytes = maxFramedBytes;
  }

  /** Whether every byte of the payload has been read. */
  public boolean isComplete() {
    return sawIdentifier && produced == payload.length && chunkType < 0;
  }

  /** The payload; only once {@link #isComplete()}. */
  public byte[] payload() {
    if (!isComplete()) {
      throw new IllegalStateException("payload incomplete: " + produced + " of " + payload.length + " bytes");
    }
    return payload;
  }

  /** How many uncompressed bytes have been produced. */
  public int produced() {
    return produced;
  }

  /**
   * Reads from {@code in} until the payload is complete or the buffer is exhausted.
   *
   * @return whether the payload is complete
   * @throws WireFormatException when the framed stream is malformed or too long
   */
  public boolean decode(ByteBuf in) {
    while (true) {
      if (chunkType < 0) {
        if (sawIdentifier && produced == payload.length) {
          return true;
        }
        int n = Math.min(4 - headerFilled, in.readableBytes());
        in.readBytes(header, headerFilled, n);
        headerFilled += n;
        if (headerFilled < 4) {
          return false;
        }
        headerFilled = 0;
        count(4);
        chunkType = header[0] & 0xFF;
        chunkLength = (header[1] & 0xFF) | (header[2] & 0xFF) << 8 | (header[3] & 0xFF) << 16;
        startChunk();
        continue;
      }
      if (skipRemaining > 0) {
        int n = Math.min(skipRemaining, in.readableBytes());
        in.skipBytes(n);
        skipRemaining -= n;
        if (skipRemaining > 0) {
          return false;
        }
        chunkType = -1;
        continue;
      }
      if (partial == null && in.readableBytes() >= chunkLength) {
        byte[] body = new byte[chunkLength];
        in.readBytes(body);
        finishChunk(body);
        continue;
      }
      if (partial == null) {
        partial = new byte[chunkLength];
        partialFilled = 0;
      }
      int n = Math.min(chunkLength - partialFilled, in.readableBytes());
      in.readBytes(partial, partialFilled, n);
      partialFilled += n;
      if (partialFilled < chunkLength) {
        return false;
      }
      byte[] body = partial;
      partial = null;
      finishChunk(body);
    }
  }

  private void startChunk() {
    count(chunkLength);
    if (!sawIdentifier && chunkType != SnappyFrames.STREAM_IDENTIFIER) {
      throw new WireFormatException(String.format(
          "snappy framing: the stream must start with a stream identifier chunk (0xff), got chunk type 0x%02x", chunkType));
    }
    switch (chunkType) {
      case SnappyFrames.STREAM_IDENTIFIER -> {
        if (chunkLength != SnappyFrames.MAGIC.length) {
          throw new WireFormatException("snappy framing: stream identifier of length " + chunkLength + ", must be 6");
        }
      }
      case SnappyFrames.COMPRESSED -> {
        if (chunkLength < 4 || chunkLength > MAX_COMPRESSED_CHUNK) {
          throw new WireFormatException("snappy framing: compressed chunk of length " + chunkLength
              + ", must be in [4, " + MAX_COMPRESSED_CHUNK + "]");
        }
      }
      case SnappyFrames.UNCOMPRESSED -> {
        if (chunkLength < 4 || chunkLength > 4 + SnappyFrames.MAX_CHUNK_DATA) {
          throw new WireFormatException("snappy framing: uncompressed chunk of length " + chunkLength
              + ", must be in [4, " + (4 + SnappyFrames.MAX_CHUNK_DATA) + "]");
        }
        if (chunkLength - 4 > payload.length - produced) {
          throw tooMuch(chunkLength - 4);
        }
      }
      default -> {
        if (chunkType < 0x80) {
          throw new WireFormatException(String.format("snappy framing: reserved unskippable chunk type 0x%02x", chunkType));
        }
        skipRemaining = chunkLength; // 0x80..0xfd reserved skippable, 0xfe padding
        if (skipRemaining == 0) {
          chunkType = -1;
        }
      }
    }
  }

  private void finishChunk(byte[] body) {
    int type = chunkType;
    chunkType = -1;
    switch (type) {
      case SnappyFrames.STREAM_IDENTIFIER -> {
        if (!Arrays.equals(body, SnappyFrames.MAGIC)) {
          throw new WireFormatException("snappy framing: stream identifier is not 'sNaPpY'");
        }
        sawIdentifier = true;
      }
      case SnappyFrames.COMPRESSED -> {
        int uncompressed;
        try {
          uncompressed = org.xerial.snappy.Snappy.uncompressedLength(body, 4, body.length - 4);
        } catch (IOException e) {
          throw new WireFormatException("snappy framing: compressed chunk has no valid length header: " + e.getMessage());
        }
        if (uncompressed < 0 || uncompressed > SnappyFrames.MAX_CHUNK_DATA) {
          throw new WireFormatException("snappy framing: compressed chunk of " + uncompressed
              + " uncompressed bytes, at most " + SnappyFrames.MAX_CHUNK_DATA + " allowed");
        }
        if (uncompressed > payload.length - produced) {
          throw tooMuch(uncompressed);
        }
        int n;
        try {
          n = org.xerial.snappy.Snappy.uncompress(body, 4, body.length - 4, payload, produced);
        } catch (IOException e) {
          throw new WireFormatException("snappy framing: corrupt compressed chunk: " + e.getMessage());
        }
        if (n != uncompressed) {
          throw new WireFormatException("snappy framing: chunk decompressed to " + n + " bytes, its header says " + uncompressed);
        }
        checkCrc(body, payload, produced, n);
        produced += n;
      }
      case SnappyFrames.UNCOMPRESSED -> {
        int n = body.length - 4;
        System.arraycopy(body, 4, payload, produced, n);
        checkCrc(body, payload, produced, n);
        produced += n;
      }
      default -> throw new IllegalStateException("chunk type " + type);
    }
  }

  private static void checkCrc(byte[] body, byte[] data, int offset, int length) {
    int expected = (body[0] & 0xFF) | (body[1] & 0xFF) << 8 | (body[2] & 0xFF) << 16 | (body[3] & 0xFF) << 24;
    int actual = SnappyFrames.maskedCrc32c(data, offset, length);
    if (expected != actual) {
      throw new WireFormatException(String.format(
          "snappy framing: CRC32C mismatch in a chunk of %d bytes (masked 0x%08x, computed 0x%08x)", length, expected, actual));
    }
  }

  private WireFormatException tooMuch(int chunkData) {
    return new WireFormatException("snappy framing: a chunk of " + chunkData + " bytes after " + produced
        + " exceeds the announced length " + payload.length);
  }

  private void count(long n) {
    consumed += n;
    if (consumed > maxFramedBytes) {
      throw new WireFormatException("snappy framing: more than " + maxFramedBytes
          + " framed bytes (max_compressed_len) for a payload of " + payload.length + " bytes");
    }
  }
}
