package io.edvt.networking.transport.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Binary vectors from the multiaddr spec and js-multiaddr's tests. */
class MultiaddrTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void ip4TcpVector() {
    Multiaddr m = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    assertThat(HEX.formatHex(m.toBytes())).isEqualTo("047f000001060fa1");
    assertThat(Multiaddr.fromBytes(m.toBytes())).isEqualTo(m);
    assertThat(m.toTcpSocketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 4001));
  }

  @Test
  void ip6UdpQuicAndP2pRoundTrip() {
    String id = "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY";
    Multiaddr m = Multiaddr.parse("/ip6/::1/udp/9000/quic-v1/p2p/" + id);
    assertThat(m.toString()).isEqualTo("/ip6/0:0:0:0:0:0:0:1/udp/9000/quic-v1/p2p/" + id);
    assertThat(Multiaddr.fromBytes(m.toBytes())).isEqualTo(m);
    assertThat(m.peerId()).contains(PeerId.fromBase58(id));
    assertThat(m.withoutPeerId().toString()).isEqualTo("/ip6/0:0:0:0:0:0:0:1/udp/9000/quic-v1");
    // udp is code 273 = 0x0111: a two-byte varint "9102"
    assertThat(HEX.formatHex(Multiaddr.parse("/ip4/1.2.3.4/udp/1").toBytes())).isEqualTo("0401020304" + "9102" + "0001");
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3/tcp/1")).hasMessageContaining("bad /ip4 value '1.2.3'");
    assertThatThrownBy(() -> Multiaddr.parse("/tcp/99999")).hasMessageContaining("port out of range");
    assertThatThrownBy(() -> Multiaddr.parse("/ws")).hasMessageContaining("unsupported multiaddr protocol 'ws'");
    assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("047f00"))).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("overruns");
    assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("dd03"))).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unsupported protocol code 477");
  }
}
