package io.edvt.networking.transport.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** uvarint vectors from the multiformats unsigned-varint spec; base58 from the Bitcoin test set. */
class EncodingTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void uvarintSpecVectors() {
    long[] values = {1, 127, 128, 255, 300, 16384};
    String[] hex = {"01", "7f", "8001", "ff01", "ac02", "808001"};
    for (int i = 0; i < values.length; i++) {
      assertThat(HEX.formatHex(UVarint.encode(values[i]))).isEqualTo(hex[i]);
      assertThat(UVarint.read(Unpooled.wrappedBuffer(HEX.parseHex(hex[i])))).isEqualTo(values[i]);
    }
    assertThat(UVarint.encode(Long.MAX_VALUE)).hasSize(9);
  }

  @Test
  void uvarintRefusesOverlongAndNonMinimalAndWaitsForMore() {
    assertThatThrownBy(() -> UVarint.read(Unpooled.wrappedBuffer(HEX.parseHex("ffffffffffffffffff01"))))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("longer than 9 bytes");
    assertThatThrownBy(() -> UVarint.read(Unpooled.wrappedBuffer(HEX.parseHex("8100"))))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("not minimally encoded");
    ByteBuf partial = Unpooled.wrappedBuffer(HEX.parseHex("8080"));
    assertThat(UVarint.read(partial)).isEqualTo(UVarint.INCOMPLETE);
    assertThat(partial.readerIndex()).isZero();
  }

  @Test
  void base58Vectors() {
    assertThat(Base58.encode("Hello World!".getBytes())).isEqualTo("2NEpo7TZRRrLZSi2U");
    assertThat(Base58.encode(HEX.parseHex("0000287fb4cd"))).isEqualTo("11233QC4");
    assertThat(Base58.decode("11233QC4")).isEqualTo(HEX.parseHex("0000287fb4cd"));
    assertThat(Base58.decode("")).isEmpty();
  }

  @Test
  void protobufReaderSkipsUnknownFieldsAndNamesTheBadOne() {
    // field 1 varint 150 (the protobuf docs' example), unknown field 9 fixed32, field 2 bytes "hi"
    byte[] msg = HEX.parseHex("089601" + "4d01020304" + "12026869");
    ProtoReader r = new ProtoReader(msg, "Test");
    assertThat(r.nextField()).isEqualTo(1);
    assertThat(r.readVarint("a")).isEqualTo(150);
    assertThat(r.nextField()).isEqualTo(9);
    r.skip();
    assertThat(r.nextField()).isEqualTo(2);
    assertThat(r.readString("b", 10)).isEqualTo("hi");
    assertThat(r.hasNext()).isFalse();
    ProtoReader truncated = new ProtoReader(HEX.parseHex("120568"), "Test");
    truncated.nextField();
    assertThatThrownBy(() -> truncated.readBytes("b", 100)).isInstanceOf(WireFormatException.class)
        .hasMessage("Test: b claims 5 bytes but only 1 remain");
    ProtoReader group = new ProtoReader(HEX.parseHex("0b"), "Test");
    assertThatThrownBy(group::nextField).hasMessage("Test: field 1 has unsupported wire type 3");
  }
}
