package io.edvt.networking.reqresp;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.fuzz.Fuzzer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the req/resp decoders with {@link Fuzzer} (5 000 inputs each in the normal build,
 * {@code -Dedvt.fuzz.iterations=1000000} for the long run): the response-chunk decoder, the
 * request decoder and the snappy frame decoder must decode or refuse with a
 * {@link WireFormatException}, whatever the bytes and however they are split into reads, and
 * what they decode must encode and decode to the same chunks again.
 */
class ChunkDecoderFuzzTest {
  private static final Bytes FORK_A = Bytes.fromHexString("0x01020304");
  private static final Bytes FORK_B = Bytes.fromHexString("0xa0b0c0d0");

  private static final ResponseDecoder.ChunkBounds BOUNDS = new ResponseDecoder.ChunkBounds() {
    @Override
    public int contextLength() {
      return 4;
    }

    @Override
    public SizeBounds bounds(Bytes context) {
      if (context.equals(FORK_A)) {
        return SizeBounds.of(SszTypes.UINT64, 200_000);
      }
      if (context.equals(FORK_B)) {
        return SizeBounds.of(SszTypes.byteList(150_000), 200_000);
      }
      throw new WireFormatException("unknown fork digest");
    }
  };

  private static byte[] bytes(ByteBuf b) {
    byte[] out = ByteBufUtil.getBytes(b);
    b.release();
    return out;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteBuf b = Unpooled.buffer();
    parts.forEach(b::writeBytes);
    return bytes(b);
  }

  private static List<byte[]> responseCorpus() {
    Random r = new Random(11);
    List<byte[]> corpus = new ArrayList<>();
    for (int size : new int[] {0, 1, 8, 100, 5_000, 70_000}) {
      byte[] random = new byte[size];
      r.nextBytes(random);
      byte[] repetitive = new byte[size];
      Arrays.fill(repetitive, (byte) 7);
      corpus.add(bytes(ChunkEncoder.success(FORK_B, random)));
      corpus.add(concat(List.of(bytes(ChunkEncoder.success(FORK_A, new byte[8])), bytes(ChunkEncoder.success(FORK_B,
          repetitive)), bytes(ChunkEncoder.error(3, "no such block")))));
    }
    corpus.add(bytes(ChunkEncoder.error(1, "é".repeat(200))));
    corpus.add(new byte[] {0, 1, 2, 3, 4, 0}); // a bare zero-length chunk
    return corpus;
  }

  /** Feeds {@code input} in pieces chosen from the input itself, so each input has one fixed split. */
  private static List<ResponseDecoder.Chunk> decodeResponse(byte[] input) {
    ResponseDecoder d = new ResponseDecoder(BOUNDS, 5);
    List<ResponseDecoder.Chunk> out = new ArrayList<>();
    int step = 1 + (input.length == 0 ? 0 : (input[input.length / 2] & 0x3F));
    for (int at = 0; at < input.length; at += step) {
      out.addAll(d.decode(Unpooled.wrappedBuffer(input, at, Math.min(step, input.length - at))));
    }
    out.addAll(d.finish());
    return out;
  }

  @Test
  void responseChunks() {
    Fuzzer.Result r = Fuzzer.run("reqresp response chunks", responseCorpus(), input -> {
      List<ResponseDecoder.Chunk> chunks = decodeResponse(input);
      List<byte[]> again = new ArrayList<>();
      for (ResponseDecoder.Chunk c : chunks) {
        again.add(bytes(c.isSuccess() ? ChunkEncoder.success(c.context(), c.payload())
            : ChunkEncoder.error(c.code(), new String(c.payload(), java.nio.charset.StandardCharsets.ISO_8859_1))));
      }
      List<ResponseDecoder.Chunk> redecoded = decodeResponse(concat(again));
      assertThat(redecoded).hasSameSizeAs(chunks);
      for (int i = 0; i < chunks.size(); i++) {
        assertThat(redecoded.get(i).code()).isEqualTo(chunks.get(i).code());
        assertThat(redecoded.get(i).context()).isEqualTo(chunks.get(i).context());
        if (chunks.get(i).isSuccess()) {
          assertThat(redecoded.get(i).payload()).isEqualTo(chunks.get(i).payload());
        }
      }
    }, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }

  @Test
  void requests() {
    Optional<SizeBounds> bounds = Optional.of(SizeBounds.of(SszTypes.byteList(100_000), 200_000));
    List<byte[]> corpus = new ArrayList<>();
    for (int size : new int[] {0, 1, 32, 1_000, 70_000}) {
      byte[] raw = new byte[size];
      new Random(size).nextBytes(raw);
      corpus.add(bytes(ChunkEncoder.request(raw)));
    }
    Fuzzer.Result r = Fuzzer.run("reqresp requests", corpus, input -> {
      RequestDecoder d = new RequestDecoder(bounds);
      int step = 1 + (input.length == 0 ? 0 : (input[0] & 0x7F));
      for (int at = 0; at < input.length; at += step) {
        d.decode(Unpooled.wrappedBuffer(input, at, Math.min(step, input.length - at)));
      }
      byte[] payload = d.finish();
      RequestDecoder again = new RequestDecoder(bounds);
      again.decode(Unpooled.wrappedBuffer(bytes(ChunkEncoder.request(payload))));
      assertThat(again.finish()).isEqualTo(payload);
    }, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }

  @Test
  void snappyFrames() {
    List<byte[]> corpus = new ArrayList<>();
    for (int size : new int[] {0, 10, 4_000, 66_000}) {
      byte[] raw = new byte[size];
      for (int i = 0; i < size; i++) {
        raw[i] = (byte) (i % 3 == 0 ? i : 0);
      }
      corpus.add(SnappyFrames.encode(raw));
    }
    Fuzzer.Result r = Fuzzer.run("snappy frames", corpus, input -> {
      // the length is what the decoder is told; take it from the input so it varies
      int length = input.length < 2 ? 0 : ((input[0] & 0xFF) << 10 | (input[1] & 0xFF) << 2) % 70_000;
      SnappyFrameDecoder d = new SnappyFrameDecoder(length, SnappyFrames.maxCompressedLength(length));
      ByteBuf in = Unpooled.wrappedBuffer(input);
      if (d.decode(in)) {
        assertThat(d.payload()).hasSize(length);
      }
    }, WireFormatException.class);
    assertThat(r.rejected()).isPositive();
  }
}
