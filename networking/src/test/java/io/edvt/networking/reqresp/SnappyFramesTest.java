package io.edvt.networking.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

@Timeout(60)
class SnappyFramesTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] decodeAll(byte[] framed, int length) {
    SnappyFrameDecoder d = new SnappyFrameDecoder(length, SnappyFrames.maxCompressedLength(length));
    ByteBuf in = Unpooled.wrappedBuffer(framed);
    assertThat(d.decode(in)).isTrue();
    assertThat(in.readableBytes()).isZero();
    return d.payload();
  }

  @Test
  void maskedCrcOfTheCheckStringMatchesTheFramingFormat() {
    // CRC32C("123456789") = 0xe3069283 (RFC 3720 check value), masked: rotate right 15, add 0xa282ead8
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(SnappyFrames.maskedCrc32c(check, 0, check.length)).isEqualTo(0xc78ab0e5);
    assertThat(SnappyFrames.maskedCrc32c(new byte[0], 0, 0)).isEqualTo(0xa282ead8);
  }

  @Test
  void aSmallIncompressiblePayloadIsAStreamIdentifierAndOneStoredChunk() {
    byte[] framed = SnappyFrames.encode(new byte[] {1, 2, 3});
    // ff 060000 "sNaPpY" | 01 070000 <masked crc LE> 010203
    assertThat(HEX.formatHex(framed)).startsWith("ff060000734e61507059" + "01070000").endsWith("010203");
    assertThat(framed).hasSize(10 + 4 + 4 + 3);
  }

  @Test
  void roundTripsPayloadsAcrossChunkBoundaries() {
    Random r = new Random(1);
    for (int size : new int[] {1, 100, 65_535, 65_536, 65_537, 200_000, 1 << 20}) {
      byte[] random = new byte[size];
      r.nextBytes(random);
      byte[] compressible = new byte[size];
      for (int i = 0; i < size; i++) {
        compressible[i] = (byte) (i % 7);
      }
      for (byte[] raw : new byte[][] {random, compressible}) {
        byte[] framed = SnappyFrames.encode(raw);
        assertThat((long) framed.length).isLessThanOrEqualTo(SnappyFrames.maxCompressedLength(size));
        assertThat(decodeAll(framed, size)).isEqualTo(raw);
      }
    }
  }

  @Test
  void agreesWithSnappyJavasFramedStreamsBothWays() throws Exception {
    byte[] raw = new byte[150_000];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) ((i * 31) % 251 < 200 ? i % 13 : i);
    }
    // ours -> snappy-java's reader
    try (SnappyFramedInputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(SnappyFrames.encode(raw)))) {
      assertThat(in.readAllBytes()).isEqualTo(raw);
    }
    // snappy-java's writer -> ours
    ByteArrayOutputStream theirs = new ByteArrayOutputStream();
    try (SnappyFramedOutputStream out = new SnappyFramedOutputStream(theirs)) {
      out.write(raw);
    }
    assertThat(decodeAll(theirs.toByteArray(), raw.length)).isEqualTo(raw);
  }

  @Test
  void decodesByteByByte() {
    byte[] raw = new byte[100_000];
    new Random(2).nextBytes(raw);
    byte[] framed = SnappyFrames.encode(raw);
    SnappyFrameDecoder d = new SnappyFrameDecoder(raw.length, SnappyFrames.maxCompressedLength(raw.length));
    for (int i = 0; i < framed.length; i++) {
      boolean complete = d.decode(Unpooled.wrappedBuffer(framed, i, 1));
      assertThat(complete).isEqualTo(i == framed.length - 1);
    }
    assertThat(d.payload()).isEqualTo(raw);
  }

  @Test
  void skipsPaddingAndSkippableChunksAndLeavesTheNextBytesUnread() {
    byte[] framed = SnappyFrames.encode(new byte[] {9, 9});
    ByteBuf in = Unpooled.buffer();
    in.writeBytes(framed, 0, 10); // stream identifier
    in.writeByte(0xFE).writeMediumLE(3).writeBytes(new byte[3]); // padding
    in.writeByte(0x80).writeMediumLE(1).writeByte(7); // reserved skippable
    in.writeBytes(framed, 10, framed.length - 10);
    in.writeByte(0x42); // the next response chunk's result byte
    SnappyFrameDecoder d = new SnappyFrameDecoder(2, 1000);
    assertThat(d.decode(in)).isTrue();
    assertThat(d.payload()).containsExactly(9, 9);
    assertThat(in.readableBytes()).isEqualTo(1);
  }

  private static void assertRefused(byte[] framed, int length, String message) {
    SnappyFrameDecoder d = new SnappyFrameDecoder(length, SnappyFrames.maxCompressedLength(length));
    assertThatThrownBy(() -> d.decode(Unpooled.wrappedBuffer(framed))).isInstanceOf(WireFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesACorruptChecksum() {
    byte[] framed = SnappyFrames.encode(new byte[] {1, 2, 3});
    framed[framed.length - 1] ^= 1;
    assertRefused(framed, 3, "CRC32C mismatch in a chunk of 3 bytes");
  }

  @Test
  void refusesAStreamWithoutIdentifier() {
    byte[] framed = SnappyFrames.encode(new byte[] {1, 2, 3});
    assertRefused(java.util.Arrays.copyOfRange(framed, 10, framed.length), 3, "must start with a stream identifier");
    byte[] wrong = framed.clone();
    wrong[4] = 'x';
    assertRefused(wrong, 3, "stream identifier is not 'sNaPpY'");
  }

  @Test
  void refusesReservedUnskippableChunks() {
    ByteBuf b = Unpooled.buffer().writeBytes(SnappyFrames.encode(new byte[0])).writeByte(0x02).writeMediumLE(0);
    assertRefused(io.netty.buffer.ByteBufUtil.getBytes(b), 1, "reserved unskippable chunk type 0x02");
  }

  @Test
  void refusesMoreDataThanAnnounced() {
    assertRefused(SnappyFrames.encode(new byte[10]), 9, "exceeds the announced length 9");
    byte[] random = new byte[1000];
    new Random(3).nextBytes(random);
    assertRefused(SnappyFrames.encode(random), 999, "exceeds the announced length 999");
  }

  @Test
  void refusesToReadBeyondMaxCompressedLength() {
    ByteBuf b = Unpooled.buffer().writeBytes(SnappyFrames.encode(new byte[0]));
    b.writeByte(0xFE).writeMediumLE(100).writeZero(100); // padding is skippable, but still counts
    b.writeBytes(SnappyFrames.encode(new byte[] {1}), 10, 9);
    assertRefused(io.netty.buffer.ByteBufUtil.getBytes(b), 1, "more than 33 framed bytes");
  }

  @Test
  void refusesAChunkOverSixtyFourKibibytes() {
    ByteBuf b = Unpooled.buffer().writeBytes(SnappyFrames.encode(new byte[0]));
    b.writeByte(0x01).writeMediumLE(4 + 65_537);
    assertRefused(io.netty.buffer.ByteBufUtil.getBytes(b), 70_000, "uncompressed chunk of length 65541");
  }
}
