package io.edvt.networking.transport.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultistreamTest {
  @Test
  void messagesAreLengthPrefixedNewlineTerminatedLines() {
    ByteBuf out = Unpooled.buffer();
    MultistreamMessages.write(out, "/multistream/1.0.0");
    // 19 = 0x13 bytes: the 18 characters and the newline (the spec's example)
    assertThat(ByteBufUtil.hexDump(out)).isEqualTo("13" + ByteBufUtil.hexDump("/multistream/1.0.0\n".getBytes()));
    assertThat(MultistreamMessages.read(out)).isEqualTo("/multistream/1.0.0");
  }

  @Test
  void listenerTakesTheHeaderAndProposalFromOneWriteAndEchoes() {
    MultistreamListener listener = new MultistreamListener(List.of("/noise"));
    assertThat(listener.start()).containsExactly(MultistreamMessages.HEADER);
    ByteBuf in = MultistreamMessages.encode(Unpooled.buffer().alloc(), List.of(MultistreamMessages.HEADER, "/noise"));
    in.writeBytes(new byte[] {9, 9}); // protocol data right behind the proposal
    assertThat(listener.onMessage(MultistreamMessages.read(in))).isEqualTo(new Negotiation.Outcome.Continue(List.of()));
    assertThat(listener.onMessage(MultistreamMessages.read(in)))
        .isEqualTo(new Negotiation.Outcome.Selected("/noise", List.of("/noise")));
    assertThat(in.readableBytes()).isEqualTo(2);
  }

  @Test
  void dialerAndListenerAgreeOnTheFirstCommonProtocolAfterNa() {
    MultistreamDialer dialer = new MultistreamDialer(List.of("/yamux/1.0.0", "/mplex/6.7.0"));
    MultistreamListener listener = new MultistreamListener(List.of("/mplex/6.7.0"));
    List<String> toListener = new ArrayList<>(dialer.start());
    List<String> toDialer = new ArrayList<>(listener.start());
    String dialerAgreed = null;
    String listenerAgreed = null;
    for (int round = 0; round < 4; round++) {
      List<String> next = new ArrayList<>();
      for (String m : toListener) {
        switch (listener.onMessage(m)) {
          case Negotiation.Outcome.Continue c -> next.addAll(c.send());
          case Negotiation.Outcome.Selected s -> {
            listenerAgreed = s.protocol();
            next.addAll(s.send());
          }
          case Negotiation.Outcome.Failed f -> throw new AssertionError(f.reason());
        }
      }
      toListener.clear();
      toDialer.addAll(next);
      for (String m : toDialer) {
        switch (dialer.onMessage(m)) {
          case Negotiation.Outcome.Continue c -> toListener.addAll(c.send());
          case Negotiation.Outcome.Selected s -> dialerAgreed = s.protocol();
          case Negotiation.Outcome.Failed f -> throw new AssertionError(f.reason());
        }
      }
      toDialer.clear();
    }
    assertThat(listenerAgreed).isEqualTo("/mplex/6.7.0");
    assertThat(dialerAgreed).isEqualTo("/mplex/6.7.0");
  }

  @Test
  void dialerFailsWhenEveryProposalIsRefused() {
    MultistreamDialer d = new MultistreamDialer(List.of("/a", "/b"));
    assertThat(d.onMessage(MultistreamMessages.HEADER)).isEqualTo(new Negotiation.Outcome.Continue(List.of()));
    assertThat(d.onMessage("na")).isEqualTo(new Negotiation.Outcome.Continue(List.of("/b")));
    assertThat(d.onMessage("na")).isEqualTo(new Negotiation.Outcome.Failed("the remote supports none of [/a, /b]"));
    MultistreamDialer odd = new MultistreamDialer(List.of("/a"));
    odd.onMessage(MultistreamMessages.HEADER);
    assertThat(odd.onMessage("/z")).isInstanceOf(Negotiation.Outcome.Failed.class);
  }

  @Test
  void listenerAnswersNaAndLsAndRefusesAWrongHeader() {
    MultistreamListener l = new MultistreamListener(List.of("/a", "/b"));
    assertThat(l.onMessage("/multistream/2.0.0")).isInstanceOf(Negotiation.Outcome.Failed.class);
    MultistreamListener ok = new MultistreamListener(List.of("/a", "/b"));
    ok.onMessage(MultistreamMessages.HEADER);
    assertThat(ok.onMessage("/c")).isEqualTo(new Negotiation.Outcome.Continue(List.of("na")));
    Negotiation.Outcome ls = ok.onMessage("ls");
    ByteBuf out = MultistreamWriter.encode(Unpooled.buffer().alloc(), ok, ((Negotiation.Outcome.Continue) ls).send());
    // outer length, then "/a\n" and "/b\n" as messages, then "\n"
    assertThat(ByteBufUtil.hexDump(out)).isEqualTo("09" + "03" + "2f610a" + "03" + "2f620a" + "0a");
  }

  @Test
  void malformedMessagesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> MultistreamMessages.read(Unpooled.wrappedBuffer(new byte[] {3, 'a', 'b', 'c'})))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("does not end in a newline");
    assertThatThrownBy(() -> MultistreamMessages.read(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0x08})))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("exceeds 1024");
    assertThat(MultistreamMessages.read(Unpooled.wrappedBuffer(new byte[] {5, 'a'}))).isNull();
  }
}
