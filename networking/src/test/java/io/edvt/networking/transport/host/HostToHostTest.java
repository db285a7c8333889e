package io.edvt.networking.transport.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.Ed25519PrivateKey;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.identify.IdentifyInfo;
import io.edvt.networking.transport.identify.IdentifyProtocol;
import io.edvt.networking.transport.mplex.MplexSession;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.testing.EchoProtocol;
import io.edvt.networking.transport.yamux.YamuxSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostToHostTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<Host> hosts = new ArrayList<>();

  @AfterEach
  void stop() {
    hosts.forEach(Host::close);
  }

  private Host host(HostConfig config) {
    Host h = Host.start(config.withEventLoopThreads(1));
    h.registry().register(EchoProtocol.PROTOCOL_ID, EchoProtocol.responder());
    hosts.add(h);
    return h;
  }

  private static Multiaddr listen(Host h) throws Exception {
    return h.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}, early muxer negotiation {1}")
  @CsvSource({"/yamux/1.0.0,true", "/yamux/1.0.0,false", "/mplex/6.7.0,true", "/mplex/6.7.0,false"})
  void twoHostsConnectIdentifyPingAndExchangePayloads(String muxer, boolean early) throws Exception {
    Host a = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withMuxers(List.of(muxer))
        .withEarlyMuxerNegotiation(early));
    Host b = host(HostConfig.defaults(Ed25519PrivateKey.generate(RANDOM))
        .withMuxers(List.of(YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID)).withEarlyMuxerNegotiation(early));
    Multiaddr addr = listen(b);
    Connection c = a.dial(addr).get(5, TimeUnit.SECONDS);
    assertThat(c.remotePeerId()).isEqualTo(b.peerId());
    assertThat(c.muxer()).isEqualTo(muxer);

    IdentifyInfo info = a.identify(c).get(5, TimeUnit.SECONDS);
    assertThat(info.agentVersion()).isEqualTo(HostConfig.DEFAULT_AGENT);
    assertThat(info.protocols()).contains(EchoProtocol.PROTOCOL_ID, IdentifyProtocol.PROTOCOL_ID);
    assertThat(info.listenAddresses()).contains(addr.withoutPeerId());

    Duration rtt = a.ping(c).get(5, TimeUnit.SECONDS);
    assertThat(rtt).isPositive();

    for (int size : new int[] {0, 1, 1000, 65_536, 300_000, 3 << 20}) {
      byte[] payload = new byte[size];
      new Random(size).nextBytes(payload);
      byte[] back = EchoProtocol.request(c, payload).get(20, TimeUnit.SECONDS);
      assertThat(back).as("response to %d bytes", size).isEqualTo(EchoProtocol.transform(payload));
    }
    // The listener's side of the same connection opens streams too.
    Connection reverse = b.connections(a.peerId()).getFirst();
    byte[] back = EchoProtocol.request(reverse, new byte[] {1, 2, 3}).get(5, TimeUnit.SECONDS);
    assertThat(back).isEqualTo(EchoProtocol.transform(new byte[] {1, 2, 3}));
  }

  @Test
  void manyConcurrentStreams() throws Exception {
    Host a = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)));
    Host b = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)));
    Connection c = a.dial(listen(b)).get(5, TimeUnit.SECONDS);
    List<CompletableFuture<byte[]>> all = new ArrayList<>();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] p = new byte[10_000 + i * 100];
      new Random(i).nextBytes(p);
      sent.add(p);
      all.add(EchoProtocol.request(c, p));
    }
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(EchoProtocol.transform(sent.get(i)));
    }
  }

  /**
   * A receiver that pauses reading stops a yamux sender once the window it granted is used: the
   * sender's stream turns unwritable and what reaches the receiver stays within the window.
   */
  @Test
  void aPausedReaderStopsTheSenderAtTheYamuxWindow() throws Exception {
    Host a = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withMuxers(List.of(YamuxSession.PROTOCOL_ID)));
    Host b = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withMuxers(List.of(YamuxSession.PROTOCOL_ID)));
    java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicReference<io.edvt.networking.transport.api.Stream> receiving =
        new java.util.concurrent.atomic.AtomicReference<>();
    CompletableFuture<Long> allReceived = new CompletableFuture<>();
    long total = 8L << 20;
    b.registry().register("/slow", () -> new io.edvt.networking.transport.api.StreamHandler() {
      @Override
      public void onActive(io.edvt.networking.transport.api.Stream stream) {
        receiving.set(stream);
        stream.setReadPaused(true);
      }

      @Override
      public void onData(io.edvt.networking.transport.api.Stream stream, io.netty.buffer.ByteBuf data) {
        if (received.addAndGet(data.readableBytes()) == total) {
          allReceived.complete(received.get());
        }
        data.release();
      }
    });
    Connection c = a.dial(listen(b)).get(5, TimeUnit.SECONDS);
    java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    io.edvt.networking.transport.api.StreamHandler pump = new io.edvt.networking.transport.api.StreamHandler() {
      @Override
      public void onActive(io.edvt.networking.transport.api.Stream s) {
        fill(s);
      }

      @Override
      public void onWritabilityChanged(io.edvt.networking.transport.api.Stream s) {
        fill(s);
      }

      private void fill(io.edvt.networking.transport.api.Stream s) {
        while (sent.get() < total && s.isWritable()) {
          s.write(io.netty.buffer.Unpooled.wrappedBuffer(new byte[16 << 10]));
          sent.addAndGet(16 << 10);
        }
      }

      @Override
      public void onData(io.edvt.networking.transport.api.Stream s, io.netty.buffer.ByteBuf data) {
        data.release();
      }
    };
    io.edvt.networking.transport.api.Stream out = c.openStream("/slow", pump).get(5, TimeUnit.SECONDS);
    Thread.sleep(500);
    // Paused: nothing delivered; the sender holds the rest, having sent at most the window.
    assertThat(received.get()).isZero();
    assertThat(out.isWritable()).isFalse();
    assertThat(sent.get()).isLessThan(2L << 20);
    receiving.get().setReadPaused(false);
    assertThat(allReceived.get(20, TimeUnit.SECONDS)).isEqualTo(total);
  }

  @Test
  void theConnectionGateLimitsConnectionsPerPeer() throws Exception {
    io.edvt.networking.transport.api.ConnectionGate onePerPeer = new io.edvt.networking.transport.api.ConnectionGate() {
      @Override
      public String refuseSecured(io.edvt.networking.transport.crypto.PeerId peer,
          io.edvt.networking.transport.api.Direction direction, int openConnectionsToPeer) {
        return openConnectionsToPeer >= 1 ? "already connected to " + peer : null;
      }
    };
    Host a = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withGate(onePerPeer));
    Host b = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)));
    Multiaddr addr = listen(b);
    a.dial(addr).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> a.dial(addr).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionFailedException.class)
        .hasMessageContaining("refused by the connection gate: already connected to " + b.peerId());
    assertThat(a.connections(b.peerId())).hasSize(1);
    // Streams by peer id use the open connection; a peer without one fails with the reason.
    assertThat(a.openStream(b.peerId(), List.of(EchoProtocol.PROTOCOL_ID), new io.edvt.networking.transport.api.StreamHandler() {
      @Override
      public void onData(io.edvt.networking.transport.api.Stream stream, io.netty.buffer.ByteBuf data) {
        data.release();
      }
    }).get(5, TimeUnit.SECONDS).protocol()).isEqualTo(EchoProtocol.PROTOCOL_ID);
    var stranger = Secp256k1PrivateKey.generate(RANDOM).peerId();
    assertThatThrownBy(() -> a.openStream(stranger, List.of("/x"), null).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("no open connection to " + stranger);
  }

  @Test
  void aSilentPeerIsDroppedAtTheHandshakeTimeoutAndGarbageAtOnce() throws Exception {
    Host b = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withHandshakeTimeout(Duration.ofMillis(300)));
    java.net.InetSocketAddress addr = listen(b).toTcpSocketAddress();
    try (java.net.Socket silent = new java.net.Socket(addr.getAddress(), addr.getPort())) {
      silent.setSoTimeout(5000);
      long t0 = System.nanoTime();
      java.io.InputStream in = silent.getInputStream();
      // The listener sends its multistream header, then closes when the timeout expires.
      byte[] header = in.readNBytes(20);
      assertThat(new String(header, 1, 18, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("/multistream/1.0.0");
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(8));
    }
    // Garbage is refused at once, long before this host's 10 s handshake timeout.
    Host patient = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)));
    addr = listen(patient).toTcpSocketAddress();
    try (java.net.Socket garbage = new java.net.Socket(addr.getAddress(), addr.getPort())) {
      garbage.setSoTimeout(5000);
      garbage.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 'x'});
      java.io.InputStream in = garbage.getInputStream();
      in.readNBytes(20);
      long t0 = System.nanoTime();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void dialFailsWhenTheRemoteIsNotThePeerInTheAddress() throws Exception {
    Host a = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)));
    Host b = host(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)));
    Multiaddr addr = listen(b);
    Multiaddr wrong = addr.withPeerId(Secp256k1PrivateKey.generate(RANDOM).peerId());
    assertThatThrownBy(() -> a.dial(wrong).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectionFailedException.class)
        .hasMessageContaining("but the remote is " + b.peerId());
  }
}
