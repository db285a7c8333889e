package io.edvt.networking.transport.mplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.multistream.MultistreamMessages;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MplexSessionTest {
  private final List<String> received = new ArrayList<>();

  private static ByteBuf frame(long id, int flag, byte[] data) {
    ByteBuf b = Unpooled.buffer();
    UVarint.write(b, (id << 3) | flag);
    UVarint.write(b, data.length);
    b.writeBytes(data);
    return b;
  }

  @Test
  void headerIsIdShiftedByThreeWithTheFlag() {
    // stream 17, MessageInitiator (2): 17 << 3 | 2 = 138 = 0x8a01 as a uvarint, then length 1
    assertThat(ByteBufUtil.hexDump(frame(17, MplexFrame.MESSAGE_INITIATOR, new byte[] {7}))).isEqualTo("8a010107");
    MplexFrame f = MplexFrameDecoder.decodeOne(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("8a010107")));
    assertThat(f.streamId()).isEqualTo(17);
    assertThat(f.flag()).isEqualTo(MplexFrame.MESSAGE_INITIATOR);
    assertThat(f.fromInitiator()).isTrue();
  }

  @Test
  void oversizedMessagesAndUnknownFlagsAreRefused() {
    ByteBuf big = Unpooled.buffer();
    UVarint.write(big, 8 | 2);
    UVarint.write(big, (1 << 20) + 1);
    assertThatThrownBy(() -> MplexFrameDecoder.decodeOne(big)).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("exceeds 1048576");
    assertThatThrownBy(() -> MplexFrameDecoder.decodeOne(Unpooled.wrappedBuffer(new byte[] {7, 0})))
        .hasMessageContaining("unknown flag 7");
  }

  @Test
  void theRemotesStreamAndOursWithTheSameIdAreDistinct() {
    ProtocolRegistry registry = new ProtocolRegistry();
    registry.register("/p", () -> new StreamHandler() {
      @Override
      public void onData(Stream stream, ByteBuf data) {
        received.add(data.toString(StandardCharsets.UTF_8));
        data.release();
      }
    });
    MplexSession session = new MplexSession(false, MuxerConfig.DEFAULT, registry);
    EmbeddedChannel ch = new EmbeddedChannel(new MplexFrameDecoder(), session);
    ByteBuf neg = Unpooled.buffer();
    MultistreamMessages.write(neg, MultistreamMessages.HEADER);
    MultistreamMessages.write(neg, "/p");
    byte[] hello = ByteBufUtil.getBytes(neg);
    ch.writeInbound(frame(0, MplexFrame.NEW_STREAM, "0".getBytes()));
    ch.writeInbound(frame(0, MplexFrame.MESSAGE_INITIATOR, hello));
    ch.writeInbound(frame(0, MplexFrame.MESSAGE_INITIATOR, "theirs".getBytes()));
    // A MessageReceiver for id 0 concerns *our* stream 0, which does not exist: dropped.
    ch.writeInbound(frame(0, MplexFrame.MESSAGE_RECEIVER, "ours".getBytes()));
    assertThat(received).containsExactly("theirs");
    assertThat(session.streamCount()).isEqualTo(1);
    ch.writeInbound(frame(0, MplexFrame.RESET_INITIATOR, new byte[0]));
    assertThat(session.streamCount()).isZero();
    ch.finishAndReleaseAll();
  }
}
