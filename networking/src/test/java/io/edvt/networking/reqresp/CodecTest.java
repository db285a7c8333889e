package io.edvt.networking.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request and response-chunk wire forms: prefix, bounds, context bytes, error chunks, chunk limits. */
@Timeout(60)
class CodecTest {
  private static final Bytes FULU = Bytes.fromHexString("0x01020304");
  private static final Bytes EDVT = Bytes.fromHexString("0xa0b0c0d0");

  /** Two forks: 8-byte chunks under FULU, up to 100-byte byte lists under EDVT. */
  private static final ResponseDecoder.ChunkBounds BOUNDS = new ResponseDecoder.ChunkBounds() {
    @Override
    public int contextLength() {
      return 4;
    }

    @Override
    public SizeBounds bounds(Bytes context) {
      if (context.equals(FULU)) {
        return SizeBounds.of(SszTypes.UINT64, 1 << 20);
      }
      if (context.equals(EDVT)) {
        return SizeBounds.of(SszTypes.byteList(100), 1 << 20);
      }
      throw new WireFormatException("unknown fork digest");
    }
  };

  private static byte[] bytes(ByteBuf b) {
    byte[] out = ByteBufUtil.getBytes(b);
    b.release();
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuf b = Unpooled.buffer();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return bytes(b);
  }

  private static List<ResponseDecoder.Chunk> decodeByteByByte(ResponseDecoder d, byte[] wire) {
    List<ResponseDecoder.Chunk> out = new ArrayList<>();
    for (byte b : wire) {
      out.addAll(d.decode(Unpooled.wrappedBuffer(new byte[] {b})));
    }
    out.addAll(d.finish());
    return out;
  }

  @Test
  void responseChunksWithContextDecodeByteByByte() {
    byte[] wire = concat(
        bytes(ChunkEncoder.success(FULU, SszTypes.UINT64.serialize(io.edvt.infrastructure.unsigned.UInt64.valueOf(7)))),
        bytes(ChunkEncoder.success(EDVT, new byte[] {1, 2, 3})),
        bytes(ChunkEncoder.success(EDVT, new byte[0])));
    List<ResponseDecoder.Chunk> chunks = decodeByteByByte(new ResponseDecoder(BOUNDS, 10), wire);
    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0).context()).isEqualTo(FULU);
    assertThat(chunks.get(0).payload()).containsExactly(7, 0, 0, 0, 0, 0, 0, 0);
    assertThat(chunks.get(1).context()).isEqualTo(EDVT);
    assertThat(chunks.get(1).payload()).containsExactly(1, 2, 3);
    assertThat(chunks.get(2).payload()).isEmpty();
  }

  @Test
  void aZeroLengthPayloadMayComeWithoutFraming() {
    byte[] bare = {0, (byte) 0xa0, (byte) 0xb0, (byte) 0xc0, (byte) 0xd0, 0};
    byte[] wire = concat(bare, bytes(ChunkEncoder.success(EDVT, new byte[] {5})));
    List<ResponseDecoder.Chunk> chunks = decodeByteByByte(new ResponseDecoder(BOUNDS, 10), wire);
    assertThat(chunks).extracting(c -> c.payload().length).containsExactly(0, 1);
    assertThat(new ResponseDecoder(BOUNDS, 10).decode(Unpooled.wrappedBuffer(bare))).isEmpty();
    ResponseDecoder last = new ResponseDecoder(BOUNDS, 10);
    last.decode(Unpooled.wrappedBuffer(bare));
    assertThat(last.finish()).hasSize(1);
  }

  @Test
  void anErrorChunkEndsTheResponseWithItsMessage() {
    byte[] wire = concat(bytes(ChunkEncoder.success(EDVT, new byte[] {1})),
        bytes(ChunkEncoder.error(ResponseCode.RESOURCE_UNAVAILABLE, "no blocks before slot 64")));
    List<ResponseDecoder.Chunk> chunks = decodeByteByByte(new ResponseDecoder(BOUNDS, 10), wire);
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(1).code()).isEqualTo(3);
    assertThat(chunks.get(1).context()).isEqualTo(Bytes.EMPTY);
    assertThat(new String(chunks.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("no blocks before slot 64");

    ResponseDecoder d = new ResponseDecoder(BOUNDS, 10);
    byte[] trailing = concat(bytes(ChunkEncoder.error(1, "bad")), new byte[] {0});
    assertThatThrownBy(() -> d.decode(Unpooled.wrappedBuffer(trailing))).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("1 bytes after error chunk 1 (InvalidRequest)");
  }

  @Test
  void errorMessagesAreCutAt256BytesOnACharacterBoundary() {
    String message = "é".repeat(200); // 400 bytes of UTF-8
    byte[] cut = ChunkEncoder.errorMessageBytes(message);
    assertThat(cut).hasSize(256);
    assertThat(new String(cut, StandardCharsets.UTF_8)).isEqualTo("é".repeat(128));
    assertThat(ChunkEncoder.errorMessageBytes("a" + "é".repeat(200))).hasSize(255);
  }

  @Test
  void refusesUnknownContextsLengthsOutsideTheTypeAndTooManyChunks() {
    byte[] unknown = bytes(ChunkEncoder.success(Bytes.fromHexString("0xdeadbeef"), new byte[8]));
    assertThatThrownBy(() -> new ResponseDecoder(BOUNDS, 10).decode(Unpooled.wrappedBuffer(unknown)))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("context 0xdeadbeef: unknown fork digest");

    byte[] nine = bytes(ChunkEncoder.success(FULU, new byte[9]));
    assertThatThrownBy(() -> new ResponseDecoder(BOUNDS, 10).decode(Unpooled.wrappedBuffer(nine)))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("length prefix 9 outside [8, 8] for uint64");

    byte[] over = bytes(ChunkEncoder.success(EDVT, new byte[101]));
    assertThatThrownBy(() -> new ResponseDecoder(BOUNDS, 10).decode(Unpooled.wrappedBuffer(over)))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("outside [0, 100]");

    byte[] two = concat(bytes(ChunkEncoder.success(EDVT, new byte[1])), bytes(ChunkEncoder.success(EDVT, new byte[1])));
    assertThatThrownBy(() -> new ResponseDecoder(BOUNDS, 1).decode(Unpooled.wrappedBuffer(two)))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("more than the 1 chunks the request allows");
  }

  @Test
  void theMaxPayloadSizeCapsEveryType() {
    SizeBounds b = SizeBounds.of(SszTypes.byteList(1 << 30), 1000);
    assertThat(b.max()).isEqualTo(1000);
    assertThatThrownBy(() -> b.check(1001, "chunk")).hasMessageContaining("length prefix 1001 outside [0, 1000]");
  }

  @Test
  void lengthPrefixesOfTenBytesAndBeyondUint64AreRefused() {
    byte[] max = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x01};
    LengthPrefix p = new LengthPrefix();
    assertThat(p.read(Unpooled.wrappedBuffer(max))).isTrue();
    assertThat(p.value()).isEqualTo(-1L); // 2^64 - 1 as unsigned
    max[9] = 0x02;
    assertThatThrownBy(() -> new LengthPrefix().read(Unpooled.wrappedBuffer(max))).hasMessageContaining("exceeds 2^64 - 1");
    byte[] eleven = new byte[11];
    java.util.Arrays.fill(eleven, (byte) 0x80);
    assertThatThrownBy(() -> new LengthPrefix().read(Unpooled.wrappedBuffer(eleven)))
        .hasMessageContaining("exceeds 2^64 - 1");
    // a huge (but valid) prefix is refused by the bounds, with its number
    byte[] huge = concat(new byte[] {0}, FULU.toArrayUnsafe(), max.clone());
    huge[huge.length - 1] = 0x01;
    assertThatThrownBy(() -> new ResponseDecoder(BOUNDS, 10).decode(Unpooled.wrappedBuffer(huge)))
        .hasMessageContaining("length prefix 18446744073709551615 outside [8, 8]");
  }

  @Test
  void requestsMustEndRightAfterTheirPayload() {
    Optional<SizeBounds> bounds = Optional.of(SizeBounds.of(SszTypes.UINT64, 1 << 20));
    byte[] wire = bytes(ChunkEncoder.request(new byte[8]));
    RequestDecoder ok = new RequestDecoder(bounds);
    for (byte b : wire) {
      ok.decode(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat(ok.finish()).hasSize(8);

    RequestDecoder extra = new RequestDecoder(bounds);
    assertThatThrownBy(() -> extra.decode(Unpooled.wrappedBuffer(concat(wire, new byte[] {0}))))
        .hasMessageContaining("request: 1 bytes after the payload");

    RequestDecoder cut = new RequestDecoder(bounds);
    cut.decode(Unpooled.wrappedBuffer(wire, 0, wire.length - 2));
    assertThatThrownBy(cut::finish).hasMessageContaining("stream ended after 0 of the 8 announced bytes of uint64");

    RequestDecoder none = new RequestDecoder(Optional.empty());
    assertThat(none.decode(Unpooled.EMPTY_BUFFER)).isTrue();
    assertThatThrownBy(() -> none.decode(Unpooled.wrappedBuffer(new byte[] {1})))
        .hasMessageContaining("this method has no request content");
  }
}
