package io.edvt.networking.transport.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.multistream.MultistreamMessages;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The yamux session against hand-written frames (the remote side played by the test). */
class YamuxSessionTest {
  private final List<String> received = new ArrayList<>();

  private EmbeddedChannel channel(MuxerConfig config) {
    ProtocolRegistry registry = new ProtocolRegistry();
    registry.register("/p", () -> new StreamHandler() {
      @Override
      public void onData(Stream stream, ByteBuf data) {
        received.add(data.toString(java.nio.charset.StandardCharsets.UTF_8));
        data.release();
      }
    });
    return new EmbeddedChannel(new YamuxFrameDecoder(16 << 20), new YamuxSession(false, config, registry));
  }

  private static ByteBuf frame(int type, int flags, int id, long length, byte[] data) {
    ByteBuf b = Unpooled.buffer();
    YamuxFrame.writeHeader(b, type, flags, id, length);
    if (data != null) {
      b.writeBytes(data);
    }
    return b;
  }

  private static byte[] negotiation(String protocol) {
    ByteBuf b = Unpooled.buffer();
    MultistreamMessages.write(b, MultistreamMessages.HEADER);
    MultistreamMessages.write(b, protocol);
    byte[] out = new byte[b.readableBytes()];
    b.readBytes(out);
    return out;
  }

  private List<YamuxFrame> written(EmbeddedChannel ch) {
    List<YamuxFrame> out = new ArrayList<>();
    ByteBuf all = Unpooled.buffer();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      all.writeBytes(b);
      b.release();
    }
    YamuxFrame f;
    while ((f = YamuxFrameDecoder.decodeOne(all, 16 << 20)) != null) {
      if (f.data() != null) {
        f.data().release(); // the tests look at headers only
      }
      out.add(f);
    }
    all.release();
    return out;
  }

  @Test
  void acceptsAStreamAcksItRaisesTheWindowAndDeliversDataAfterNegotiation() {
    EmbeddedChannel ch = channel(MuxerConfig.DEFAULT);
    byte[] hello = negotiation("/p");
    ch.writeInbound(frame(YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_SYN, 1, hello.length, hello));
    List<YamuxFrame> out = written(ch);
    // ACK with the raise from 256 KiB to 1 MiB, then the multistream header and the echo
    assertThat(out.get(0).type()).isEqualTo(YamuxFrame.TYPE_WINDOW_UPDATE);
    assertThat(out.get(0).flags()).isEqualTo(YamuxFrame.FLAG_ACK);
    assertThat(out.get(0).length()).isEqualTo((1 << 20) - (256 << 10));
    assertThat(out.stream().filter(f -> f.type() == YamuxFrame.TYPE_DATA).count()).isGreaterThanOrEqualTo(1);
    ch.writeInbound(frame(YamuxFrame.TYPE_DATA, 0, 1, 5, "hello".getBytes()));
    assertThat(received).containsExactly("hello");
  }

  @Test
  void answersPings() {
    EmbeddedChannel ch = channel(MuxerConfig.DEFAULT);
    ch.writeInbound(frame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 0, 0xCAFE, null));
    List<YamuxFrame> out = written(ch);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).type()).isEqualTo(YamuxFrame.TYPE_PING);
    assertThat(out.get(0).flags()).isEqualTo(YamuxFrame.FLAG_ACK);
    assertThat(out.get(0).length()).isEqualTo(0xCAFE);
  }

  @Test
  void dataBeyondTheWindowClosesTheConnectionWithAProtocolErrorGoAway() {
    EmbeddedChannel ch = channel(MuxerConfig.DEFAULT);
    byte[] hello = negotiation("/p");
    ch.writeInbound(frame(YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_SYN, 1, hello.length, hello));
    written(ch);
    ch.writeInbound(frame(YamuxFrame.TYPE_DATA, 0, 1, (1 << 20) + 1, new byte[(1 << 20) + 1]));
    List<YamuxFrame> out = written(ch);
    assertThat(out).anySatisfy(f -> {
      assertThat(f.type()).isEqualTo(YamuxFrame.TYPE_GO_AWAY);
      assertThat(f.length()).isEqualTo(YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
    });
    ch.runPendingTasks();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void streamsOverTheInboundLimitAreReset() {
    EmbeddedChannel ch = channel(new MuxerConfig(2, 2, 256 << 10, Duration.ofSeconds(10)));
    for (int id = 1; id <= 5; id += 2) {
      ch.writeInbound(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, id, 0, null));
    }
    List<YamuxFrame> out = written(ch);
    assertThat(out).filteredOn(f -> f.has(YamuxFrame.FLAG_RST)).extracting(YamuxFrame::streamId).containsExactly(5);
  }

  @Test
  void aSynWithOurParityIsAProtocolError() {
    EmbeddedChannel ch = channel(MuxerConfig.DEFAULT);
    ch.writeInbound(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, 2, 0, null));
    assertThat(written(ch)).anySatisfy(f -> assertThat(f.type()).isEqualTo(YamuxFrame.TYPE_GO_AWAY));
  }
}
