package io.edvt.networking.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.identify.IdentifyInfo;
import io.edvt.networking.transport.identify.IdentifyProtocol;
import io.edvt.networking.transport.mplex.MplexSession;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.ping.PingProtocol;
import io.edvt.networking.transport.testing.EchoProtocol;
import io.edvt.networking.transport.yamux.YamuxSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our host against js-libp2p 3.3.11 (noise 17, yamux 8, mplex 12) from npm, in both dial
 * directions and with both muxers. Fails (never skips) when Node.js or the packages are missing.
 * Run alone: {@code mvn -pl networking -am test -Dtest=JsInteropTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class JsInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SINK = "/edvt/test/sink/1.0.0";
  private static final String RESET = "/edvt/test/reset/1.0.0";
  private static final int[] SIZES = {0, 1, 100_000, 1 << 20, 5 << 20};

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<SinkEvent> sinkEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** What the sink handler saw on one inbound stream. */
  record SinkEvent(long bytes, boolean remoteClosed, StreamClosedException.Kind closedBy) {}

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  private Host javaHost(List<String> muxers, boolean early) {
    Host h = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withMuxers(muxers)
        .withEarlyMuxerNegotiation(early).withEventLoopThreads(1));
    h.registry().register(EchoProtocol.PROTOCOL_ID, EchoProtocol.responder());
    h.registry().register(SINK, this::sink);
    toClose.add(h);
    return h;
  }

  private JsPeer jsPeer(List<String> muxers, String keyType) {
    JsPeer p = JsPeer.start(muxers, keyType);
    toClose.add(p);
    return p;
  }

  /** Counts bytes; closes its side when the remote does; records how the stream ended. */
  private StreamHandler sink() {
    return new StreamHandler() {
      final AtomicLong bytes = new AtomicLong();
      boolean remoteClosed;

      @Override
      public void onData(Stream stream, ByteBuf data) {
        bytes.addAndGet(data.readableBytes());
        data.release();
      }

      @Override
      public void onRemoteClosed(Stream stream) {
        remoteClosed = true;
        stream.closeWrite();
      }

      @Override
      public void onClosed(Stream stream, StreamClosedException cause) {
        sinkEvents.add(new SinkEvent(bytes.get(), remoteClosed, cause == null ? null : cause.kind()));
      }
    };
  }

  @ParameterizedTest(name = "muxer {0}, {1} dials")
  @CsvSource({"yamux,java", "yamux,js", "mplex,java", "mplex,js"})
  void fullExchangeWithJsLibp2p(String muxer, String dialer) throws Exception {
    String muxerId = muxer.equals("yamux") ? YamuxSession.PROTOCOL_ID : MplexSession.PROTOCOL_ID;
    Host host = javaHost(List.of(YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID), true);
    Multiaddr javaAddr = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    JsPeer js = jsPeer(List.of(muxer), "secp256k1");

    Connection conn;
    if (dialer.equals("java")) {
      conn = host.dial(js.address()).get(10, TimeUnit.SECONDS);
      assertThat(conn.direction()).isEqualTo(Direction.OUTBOUND);
    } else {
      JsonNode dial = js.call("dial", Map.of("addr", javaAddr.toString()));
      assertThat(dial.get("remotePeer").asText()).isEqualTo(host.peerId().toBase58());
      assertThat(dial.get("muxer").asText()).isEqualTo(muxerId);
      assertThat(dial.get("encryption").asText()).isEqualTo("/noise");
      conn = awaitConnection(host, js);
      assertThat(conn.direction()).isEqualTo(Direction.INBOUND);
    }
    assertThat(conn.remotePeerId()).isEqualTo(js.peerId());
    assertThat(conn.muxer()).isEqualTo(muxerId);

    // identify, both ways
    IdentifyInfo theirs = host.identify(conn).get(10, TimeUnit.SECONDS);
    assertThat(theirs.peerId()).isEqualTo(js.peerId());
    assertThat(theirs.agentVersion()).isEqualTo("edvt-interop-js");
    assertThat(theirs.protocols()).contains(EchoProtocol.PROTOCOL_ID, IdentifyProtocol.PROTOCOL_ID, PingProtocol.PROTOCOL_ID);
    assertThat(theirs.listenAddresses()).contains(js.address().withoutPeerId());
    JsonNode ours = js.call("identify", Map.of("peer", host.peerId().toBase58()));
    assertThat(ours.get("peerId").asText()).isEqualTo(host.peerId().toBase58());
    assertThat(ours.get("agentVersion").asText()).isEqualTo(HostConfig.DEFAULT_AGENT);
    assertThat(ours.get("protocolVersion").asText()).isEqualTo(HostConfig.PROTOCOL_VERSION);
    assertThat(texts(ours.get("protocols"))).contains(EchoProtocol.PROTOCOL_ID, SINK, IdentifyProtocol.PROTOCOL_ID,
        PingProtocol.PROTOCOL_ID);
    assertThat(texts(ours.get("listenAddrs"))).contains(javaAddr.withoutPeerId().toString());

    // ping, both ways
    assertThat(host.ping(conn).get(10, TimeUnit.SECONDS)).isPositive();
    assertThat(js.call("ping", Map.of("peer", host.peerId().toBase58())).get("rtt").asDouble()).isGreaterThanOrEqualTo(0);

    // request/response, both ways, 0 bytes to 5 MiB (many yamux windows)
    for (int size : SIZES) {
      byte[] payload = new byte[size];
      new Random(size).nextBytes(payload);
      assertThat(EchoProtocol.request(conn, payload).get(60, TimeUnit.SECONDS))
          .as("java -> js echo of %d bytes", size).isEqualTo(EchoProtocol.transform(payload));
      assertThat(js.call("request", Map.of("peer", host.peerId().toBase58(), "size", size)).get("bytes").asInt())
          .as("js -> java echo of %d bytes", size).isEqualTo(size);
    }

    // many concurrent streams, both ways
    List<CompletableFuture<byte[]>> all = new ArrayList<>();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] p = new byte[20_000 + i];
      RANDOM.nextBytes(p);
      sent.add(p);
      all.add(EchoProtocol.request(conn, p));
    }
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(EchoProtocol.transform(sent.get(i)));
    }
    JsonNode concurrent = js.call("concurrent", Map.of("peer", host.peerId().toBase58(), "count", 100, "size", 20_000));
    assertThat(concurrent.get("total").asLong()).isEqualTo(100L * 20_000 + 99 * 100 / 2);
    assertThat(conn.streamCount()).as("streams left open").isLessThanOrEqualTo(2);

    // the js side closes a stream without writing, and resets one after writing
    assertThat(js.call("openThenClose", Map.of("peer", host.peerId().toBase58())).get("received").asInt()).isZero();
    js.call("sendThenReset", Map.of("peer", host.peerId().toBase58(), "size", 50_000));
    awaitSinkEvents(2);
    assertThat(sinkEvents.get(0)).isEqualTo(new SinkEvent(0, true, null));
    assertThat(sinkEvents.get(1).closedBy()).isEqualTo(StreamClosedException.Kind.RESET_BY_REMOTE);
    assertThat(sinkEvents.get(1).bytes()).isEqualTo(50_000);

    // a js handler that resets our stream
    CompletableFuture<StreamClosedException> resetSeen = new CompletableFuture<>();
    Stream s = conn.openStream(RESET, new StreamHandler() {
      @Override
      public void onData(Stream stream, ByteBuf data) {
        data.release();
      }

      @Override
      public void onClosed(Stream stream, StreamClosedException cause) {
        resetSeen.complete(cause);
      }
    }).get(10, TimeUnit.SECONDS);
    s.write(Unpooled.wrappedBuffer(new byte[100]));
    assertThat(resetSeen.get(10, TimeUnit.SECONDS).kind()).isEqualTo(StreamClosedException.Kind.RESET_BY_REMOTE);

    // the js side hangs up: our connection closes
    js.call("hangUp", Map.of("peer", host.peerId().toBase58()));
    conn.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(conn.isOpen()).isFalse();
  }

  @Test
  void muxerChosenByMultistreamWhenWeDoNotOfferItInTheHandshake() throws Exception {
    Host host = javaHost(List.of(MplexSession.PROTOCOL_ID, YamuxSession.PROTOCOL_ID), false);
    JsPeer js = jsPeer(List.of("yamux", "mplex"), "secp256k1");
    Connection conn = host.dial(js.address()).get(10, TimeUnit.SECONDS);
    // Our preference (mplex first) wins through multistream-select: js offered yamux first in noise.
    assertThat(conn.muxer()).isEqualTo(MplexSession.PROTOCOL_ID);
    assertThat(EchoProtocol.request(conn, new byte[] {5}).get(10, TimeUnit.SECONDS)).containsExactly(5 ^ EchoProtocol.XOR);
  }

  @Test
  void acceptsEd25519Peers() throws Exception {
    Host host = javaHost(List.of(YamuxSession.PROTOCOL_ID), true);
    Multiaddr javaAddr = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    JsPeer js = jsPeer(List.of("yamux"), "ed25519");
    assertThat(js.peerId().toBase58()).startsWith("12D3KooW");
    Connection out = host.dial(js.address()).get(10, TimeUnit.SECONDS);
    assertThat(out.remotePeerId()).isEqualTo(js.peerId());
    assertThat(host.identify(out).get(10, TimeUnit.SECONDS).publicKey().peerId()).isEqualTo(js.peerId());
    assertThat(js.call("request", Map.of("addr", javaAddr.toString(), "size", 1000)).get("bytes").asInt()).isEqualTo(1000);
  }

  private static Connection awaitConnection(Host host, JsPeer js) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      List<Connection> c = host.connections(js.peerId());
      if (!c.isEmpty()) {
        return c.getFirst();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no connection from the js peer " + js.peerId());
  }

  private void awaitSinkEvents(int n) throws InterruptedException {
    for (int i = 0; i < 800 && sinkEvents.size() < n; i++) {
      Thread.sleep(25);
    }
    assertThat(sinkEvents).as("sink streams ended").hasSize(n);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
