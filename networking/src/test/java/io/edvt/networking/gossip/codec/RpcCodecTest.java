package io.edvt.networking.gossip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.gossip.codec.Rpc.Control;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcCodecTest {
  /** What js-libp2p gossipsub 17.1.1's protons codec ({@code RPC.encode}) writes for {@link #sample()}. */
  private static final String JS_ENCODING = "0a0508011201610a0508001201621208120378797a2201741a2a0a0a0a01741202010212010312030a01"
      + "041a030a0167220b0a017012040a020909183c2a050a03050607";

  private static Rpc sample() {
    return new Rpc(List.of(new Rpc.SubOpts(true, "a"), new Rpc.SubOpts(false, "b")),
        List.of(Rpc.Message.unsigned("t", "xyz".getBytes(StandardCharsets.UTF_8))),
        new Control(List.of(new Rpc.IHave("t", List.of(new byte[] {1, 2}, new byte[] {3}))),
            List.of(new Rpc.IWant(List.of(new byte[] {4}))), List.of(new Rpc.Graft("g")),
            List.of(new Rpc.Prune("p", List.of(new Rpc.PeerInfo(new byte[] {9, 9}, null)), 60L)),
            List.of(new Rpc.IDontWant(List.of(new byte[] {5, 6, 7})))));
  }

  @Test
  void encodesExactlyAsJsLibp2pGossipsubAndDecodesBack() {
    byte[] ours = RpcCodec.encode(sample());
    assertThat(HexFormat.of().formatHex(ours)).isEqualTo(JS_ENCODING);
    assertThat(RpcCodec.decode(HexFormat.of().parseHex(JS_ENCODING), RpcLimits.DEFAULT)).isEqualTo(sample());
    assertThat(RpcCodec.size(sample())).isEqualTo(ours.length);
  }

  @Test
  void framesCarryAUvarintLengthPrefix() {
    ByteBuf frame = RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, sample());
    try {
      assertThat((int) frame.readUnsignedByte()).isEqualTo(JS_ENCODING.length() / 2);
      byte[] body = new byte[frame.readableBytes()];
      frame.readBytes(body);
      assertThat(HexFormat.of().formatHex(body)).isEqualTo(JS_ENCODING);
    } finally {
      frame.release();
    }
  }

  @Test
  void keepsAuthorFieldsSoTheRouterCanRejectThem() {
    byte[] signed = RpcCodec.encode(Rpc.ofMessages(List.of(new Rpc.Message(new byte[] {1}, new byte[] {2},
        new byte[] {3}, "t", new byte[] {4}, new byte[] {5}))));
    Rpc.Message m = RpcCodec.decode(signed, RpcLimits.DEFAULT).messages().getFirst();
    assertThat(m.hasAuthorFields()).isTrue();
    assertThat(m.seqno()).containsExactly(3);
    assertThat(Rpc.Message.unsigned("t", new byte[0]).hasAuthorFields()).isFalse();
  }

  @Test
  void repeatedControlFieldsAreMergedAsProtobufRequires() {
    byte[] one = RpcCodec.encode(Rpc.ofControl(new Control(List.of(), List.of(), List.of(new Rpc.Graft("x")), List.of(),
        List.of())));
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    assertThat(RpcCodec.decode(two, RpcLimits.DEFAULT).control().graft()).hasSize(2);
  }

  @Test
  void refusesWhatExceedsTheLimitsNamingTheField() {
    RpcLimits small = new RpcLimits(1000, 10, 1, 1, 2, 2, 1, 3, 1, 8, 4);
    assertThatThrownBy(() -> RpcCodec.decode(RpcCodec.encode(Rpc.ofMessages(List.of(Rpc.Message.unsigned("t", new byte[11])))),
        small)).isInstanceOf(WireFormatException.class).hasMessageContaining("RPC.Message: data is 11 bytes, more than the limit of 10");
    assertThatThrownBy(() -> RpcCodec.decode(RpcCodec.encode(new Rpc(List.of(new Rpc.SubOpts(true, "a"),
        new Rpc.SubOpts(true, "b")), List.of(), null)), small)).hasMessageContaining("more than 1 subscriptions");
    assertThatThrownBy(() -> RpcCodec.decode(RpcCodec.encode(Rpc.ofControl(new Control(List.of(new Rpc.IHave("t",
        List.of(new byte[1], new byte[1], new byte[1]))), List.of(), List.of(), List.of(), List.of()))), small))
        .hasMessageContaining("more than 2 messageIDs");
    assertThatThrownBy(() -> RpcCodec.decode(RpcCodec.encode(Rpc.ofControl(new Control(List.of(), List.of(),
        List.of(new Rpc.Graft("a"), new Rpc.Graft("b"), new Rpc.Graft("c"), new Rpc.Graft("d")), List.of(), List.of()))),
        small)).hasMessageContaining("more than 3 entries");
    assertThatThrownBy(() -> RpcCodec.decode(RpcCodec.encode(Rpc.ofControl(new Control(List.of(), List.of(), List.of(),
        List.of(), List.of(new Rpc.IDontWant(List.of(new byte[5])))))), small))
        .hasMessageContaining("messageIDs is 5 bytes, more than the limit of 4");
    assertThatThrownBy(() -> RpcCodec.decode(RpcCodec.encode(new Rpc(List.of(new Rpc.SubOpts(true, "a-very-long-topic")),
        List.of(), null)), small)).hasMessageContaining("bytes, more than the limit of");
    assertThatThrownBy(() -> RpcCodec.decode(new byte[1001], small)).hasMessageContaining("1001 bytes exceed the limit of 1000");
  }

  @Test
  void emptyRpcIsEmpty() {
    assertThat(RpcCodec.encode(new Rpc(List.of(), List.of(), null))).isEmpty();
    assertThat(RpcCodec.decode(new byte[0], RpcLimits.DEFAULT).isEmpty()).isTrue();
  }
}
