package io.edvt.networking.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.identify.IdentifyInfo;
import io.edvt.networking.transport.identify.IdentifyProtocol;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.ping.PingProtocol;
import io.edvt.networking.transport.testing.EchoProtocol;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * QUIC against js-libp2p 3.3.11 with {@code @chainsafe/libp2p-quic} 2.1.1 from npm
 * ({@code src/test/js-quic}): dials both ways, identify both ways, ping, and streams both ways
 * (a length-prefixed echo whose answers are transformed, from 0 B to 1 MiB).
 */
class QuicInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private JsScript js() {
    JsScript s = new JsScript(NpmProject.dir("js-quic", false, "@chainsafe/libp2p-quic"), "quic-peer.mjs", List.of());
    closeables.add(s);
    return s;
  }

  private Host host() throws Exception {
    Host h = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1));
    h.registry().register(EchoProtocol.PROTOCOL_ID, EchoProtocol.responder());
    closeables.add(h);
    return h;
  }

  @Test
  void weDialAJsQuicNodeIdentifyPingAndOpenStreams() throws Exception {
    JsScript js = js();
    Multiaddr jsAddr = Multiaddr.parse(js.ready().get("addrs").get(0).asText());
    PeerId jsPeer = PeerId.fromBase58(js.ready().get("peerId").asText());
    Host h = host();
    Connection c = h.dial(jsAddr).get(10, TimeUnit.SECONDS);
    assertThat(c.remotePeerId()).isEqualTo(jsPeer);
    assertThat(c.muxer()).isEqualTo("/quic-v1");
    assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);

    IdentifyInfo info = h.identify(c).get(10, TimeUnit.SECONDS);
    assertThat(info.agentVersion()).isEqualTo("edvt-interop-js-quic");
    assertThat(info.protocols()).contains(EchoProtocol.PROTOCOL_ID, IdentifyProtocol.PROTOCOL_ID, PingProtocol.PROTOCOL_ID);
    assertThat(info.listenAddresses()).contains(jsAddr.withoutPeerId());
    assertThat(h.ping(c).get(10, TimeUnit.SECONDS)).isPositive();

    for (int size : new int[] {0, 1, 1000, 100_000, 1 << 20}) {
      byte[] payload = new byte[size];
      new Random(size).nextBytes(payload);
      assertThat(EchoProtocol.request(c, payload).get(20, TimeUnit.SECONDS)).as("%d bytes", size)
          .isEqualTo(EchoProtocol.transform(payload));
    }
    // The js side opens streams on the same connection (our dial).
    assertThat(js.call("request", Map.of("peer", h.peerId().toBase58(), "size", 50_000)).get("bytes").asInt())
        .isEqualTo(50_000);
  }

  @Test
  void aJsQuicNodeDialsUsIdentifiesPingsAndOpensStreams() throws Exception {
    JsScript js = js();
    Host h = host();
    Multiaddr ours = h.listen(Multiaddr.parse("/ip4/127.0.0.1/udp/0/quic-v1")).get(5, TimeUnit.SECONDS);
    JsonNode dial = js.call("dial", Map.of("addr", ours.toString()));
    assertThat(dial.get("remotePeer").asText()).isEqualTo(h.peerId().toBase58());
    String jsPeer = js.ready().get("peerId").asText();
    // The js side's dial completes with its TLS handshake; ours completes a moment later.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (h.connections(PeerId.fromBase58(jsPeer)).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Connection inbound = h.connections(PeerId.fromBase58(jsPeer)).getFirst();
    assertThat(inbound.direction()).isEqualTo(Direction.INBOUND);
    assertThat(inbound.muxer()).isEqualTo("/quic-v1");

    JsonNode id = js.call("identify", Map.of("peer", h.peerId().toBase58()));
    assertThat(id.get("peerId").asText()).isEqualTo(h.peerId().toBase58());
    assertThat(id.get("agentVersion").asText()).isEqualTo(HostConfig.DEFAULT_AGENT);
    List<String> protocols = new ArrayList<>();
    id.get("protocols").forEach(p -> protocols.add(p.asText()));
    assertThat(protocols).contains(EchoProtocol.PROTOCOL_ID, IdentifyProtocol.PROTOCOL_ID);
    List<String> addrs = new ArrayList<>();
    id.get("listenAddrs").forEach(a -> addrs.add(a.asText()));
    assertThat(addrs).contains(ours.withoutPeerId().toString());

    assertThat(js.call("ping", Map.of("peer", h.peerId().toBase58())).get("rtt").asDouble()).isGreaterThanOrEqualTo(0);
    for (int size : new int[] {0, 1, 100_000, 1 << 20}) {
      assertThat(js.call("request", Map.of("peer", h.peerId().toBase58(), "size", size)).get("bytes").asInt())
          .isEqualTo(size);
    }
    // And we open a stream on the connection the js node dialled.
    assertThat(EchoProtocol.request(inbound, new byte[] {7, 8, 9}).get(10, TimeUnit.SECONDS))
        .isEqualTo(EchoProtocol.transform(new byte[] {7, 8, 9}));
    assertThat(h.identify(inbound).get(10, TimeUnit.SECONDS).agentVersion()).isEqualTo("edvt-interop-js-quic");
  }
}
