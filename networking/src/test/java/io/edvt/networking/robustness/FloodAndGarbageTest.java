package io.edvt.networking.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.discovery.DiscoveryConfig;
import io.edvt.networking.discovery.DiscoveryMetrics;
import io.edvt.networking.discovery.DiscoveryService;
import io.edvt.networking.peers.TestNode;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input stays bounded: half-open TCP handshakes are capped and timed out, random
 * datagrams on the QUIC and discv5 ports are dropped, discv5 packets from unknown sessions get a
 * WHOAREYOU and nothing else, and the node keeps serving real peers throughout.
 */
class FloodAndGarbageTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private Host host(Duration handshakeTimeout) {
    Host h = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1)
        .withHandshakeTimeout(handshakeTimeout));
    closeables.add(h);
    return h;
  }

  @Test
  void halfOpenTcpHandshakesAreCappedAndClosedAtTheTimeout() throws Exception {
    Host target = host(Duration.ofMillis(1500));
    Multiaddr addr = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    InetSocketAddress sa = addr.toTcpSocketAddress();
    List<Socket> idle = new ArrayList<>();
    int flood = Host.MAX_PENDING_INBOUND_UPGRADES + 100;
    for (int i = 0; i < flood; i++) {
      Socket s = new Socket();
      s.connect(sa, 2000);
      s.setSoTimeout(50);
      idle.add(s);
    }
    // Over the cap: closed at accept.
    Thread.sleep(300);
    int closedAtOnce = 0;
    for (Socket s : idle) {
      if (closedByPeer(s)) {
        closedAtOnce++;
      }
    }
    assertThat(closedAtOnce).as("connections closed at accept").isGreaterThanOrEqualTo(flood - Host.MAX_PENDING_INBOUND_UPGRADES);
    // The rest: closed when the handshake timeout ends them; then a real peer gets in.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int open = flood;
    while (System.nanoTime() < deadline && open > 0) {
      open = 0;
      for (Socket s : idle) {
        if (!s.isClosed() && !closedByPeer(s)) {
          open++;
        } else if (!s.isClosed()) {
          s.close();
        }
      }
    }
    assertThat(open).as("idle handshakes still open").isZero();
    Host real = host(Duration.ofSeconds(5));
    Connection c = real.dial(addr).get(5, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isTrue();
    // the dialer's side completes first; the target registers the connection when its own upgrade ends
    long registered = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < registered && target.connections().isEmpty()) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
    assertThat(target.connections()).hasSize(1);
  }

  private static boolean closedByPeer(Socket s) {
    try {
      InputStream in = s.getInputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
        // the multistream header the host sends first; keep reading
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.io.IOException e) {
      return true; // reset
    }
  }

  @Test
  void randomDatagramsOnTheQuicAndDiscoveryPortsAreDropped() throws Exception {
    TestNode node = new TestNode(List.of(), 1, true, null);
    closeables.add(node);
    InetSocketAddress quic = node.host.listenAddresses().stream().filter(Multiaddr::isQuic).findFirst().orElseThrow()
        .toQuicSocketAddress();
    InetSocketAddress disc = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.discovery.udpPort());
    Random r = new Random(42);
    // from 127.0.0.2: an attacker's address, not the one honest peers come from, so what the node
    // does to the flood's source (discv5 throttles an address that sends garbage) is not mistaken
    // for it being deaf to everyone
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
      for (int i = 0; i < 5_000; i++) {
        byte[] b = new byte[1 + r.nextInt(1400)];
        r.nextBytes(b);
        if (i % 3 == 0 && b.length > 20) {
          b[0] = (byte) 0xC0; // a QUIC long header (Initial) with garbage behind it
          b[1] = 0;
          b[2] = 0;
          b[3] = 0;
          b[4] = 1;
        }
        s.send(new DatagramPacket(b, b.length, i % 2 == 0 ? quic : disc));
      }
    }
    // The node's discovery works through its backlog of garbage and answers a new session again.
    long answering = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String probe = probe(node.discovery);
    while (System.nanoTime() < answering && !probe.equals("answers (flag 1)")) {
      probe = probe(node.discovery);
    }
    assertThat(probe).as("the node's discv5 after the flood").isEqualTo("answers (flag 1)");
    // Real peers still get in over QUIC and find the node through discovery.
    Host real = host(Duration.ofSeconds(5));
    Multiaddr q = Multiaddr.fromQuicSocketAddress(quic).withPeerId(node.host.peerId());
    assertThat(real.dial(q).get(5, TimeUnit.SECONDS).muxer()).isEqualTo("/quic-v1");
    TestNode other = new TestNode(List.of(node.enr()), 1, false, null);
    closeables.add(other);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !other.peers.readyPeers().contains(node.host.peerId())) {
      Thread.sleep(100);
    }
    assertThat(other.peers.readyPeers()).as(() -> diagnosis(node, other)).contains(node.host.peerId());
  }

  /** What the newcomer knows when it did not get the node: its discovery view, dials and the JVM's threads. */
  private String diagnosis(TestNode node, TestNode other) {
    java.util.Map<String, Long> threads = new java.util.TreeMap<>();
    Thread.getAllStackTraces().keySet().forEach(t ->
        threads.merge(t.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum));
    return "newcomer's known discovery peers " + other.discovery.knownPeers() + ", its counters "
        + other.metrics.snapshot() + ", the node's counters " + node.metrics.snapshot() + ", the node's discv5 "
        + probe(node.discovery) + ", the newcomer's discv5 " + probe(other.discovery) + ", live threads " + threads;
  }

  /** Whether a discv5 service answers an unknown session's packet with WHOAREYOU within 2 s. */
  private String probe(DiscoveryService d) {
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] p = orderedMessagePacket(d.localRecord().getNodeId().toArrayUnsafe());
      s.send(new DatagramPacket(p, p.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), d.udpPort())));
      s.setSoTimeout(2000);
      DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
      s.receive(in);
      return "answers (flag " + flagOf(srcId, in) + ")";
    } catch (SocketTimeoutException e) {
      return "is silent";
    } catch (Exception e) {
      return "probe failed: " + e;
    }
  }

  /**
   * discv5 ordinary-message packets (spec: masked static header "discv5", version 1, flag 0, a
   * nonce, 32-byte authdata with a source node id) from 150 node ids the node never met: each is
   * answered with WHOAREYOU (flag 1) at most, never processed, and the node keeps working.
   */
  @Test
  void discv5PacketsFromUnknownSessionsOnlyGetWhoAreYou() throws Exception {
    DiscoveryService d = new DiscoveryService(DiscoveryConfig.defaults().withListen(InetAddress.getLoopbackAddress(), 0)
        .withLibp2pPorts(9800, OptionalInt.empty()).withSiteLocalAddresses(true), Secp256k1PrivateKey.generate(RANDOM),
        io.edvt.networking.peers.TestNodeFields.fields(), null, DiscoveryMetrics.NONE);
    d.start().get(5, TimeUnit.SECONDS);
    closeables.add(d::stop);
    byte[] destId = d.localRecord().getNodeId().toArrayUnsafe();
    InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), d.udpPort());
    int whoAreYou = 0;
    int other = 0;
    List<byte[]> sources = new ArrayList<>();
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < 150; i++) {
        byte[] p = orderedMessagePacket(destId);
        sources.add(srcId);
        s.send(new DatagramPacket(p, p.length, to));
        Thread.sleep(1);
      }
      s.setSoTimeout(500);
      try {
        while (true) {
          byte[] buf = new byte[1500];
          DatagramPacket in = new DatagramPacket(buf, buf.length);
          s.receive(in);
          int flag = -1;
          for (byte[] id : sources) { // the answer is masked with the id it answers
            flag = flagOf(id, in);
            if (flag >= 0) {
              break;
            }
          }
          if (flag == 1) {
            whoAreYou++;
          } else {
            other++;
          }
        }
      } catch (SocketTimeoutException e) {
        // no more answers
      }
    }
    assertThat(whoAreYou).as("WHOAREYOU answers").isPositive();
    assertThat(other).as("anything else").isZero();
    // Still a working node: a new node bootstrapping from it finds it.
    DiscoveryService b = new DiscoveryService(DiscoveryConfig.defaults().withListen(InetAddress.getLoopbackAddress(), 0)
        .withLibp2pPorts(9801, OptionalInt.empty()).withBootnodes(List.of(d.localEnr())).withSiteLocalAddresses(true),
        Secp256k1PrivateKey.generate(RANDOM), io.edvt.networking.peers.TestNodeFields.fields(), null,
        DiscoveryMetrics.NONE);
    b.start().get(5, TimeUnit.SECONDS);
    closeables.add(b::stop);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    boolean found = false;
    while (System.nanoTime() < deadline && !found) {
      found = b.searchForPeers().get(10, TimeUnit.SECONDS).stream().anyMatch(p -> p.enr().equals(d.localEnr()));
    }
    assertThat(found).isTrue();
  }

  private byte[] srcId;

  /** An ordinary message packet from a fresh random source id with a random (undecryptable) message. */
  private byte[] orderedMessagePacket(byte[] destId) throws Exception {
    srcId = new byte[32];
    RANDOM.nextBytes(srcId);
    byte[] iv = new byte[16];
    RANDOM.nextBytes(iv);
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    ByteBuffer header = ByteBuffer.allocate(23 + 32);
    header.put("discv5".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1).put((byte) 0).put(nonce)
        .putShort((short) 32).put(srcId);
    Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(destId, 0, 16, "AES"), new IvParameterSpec(iv));
    byte[] masked = aes.doFinal(header.array());
    byte[] message = new byte[40];
    RANDOM.nextBytes(message);
    return ByteBuffer.allocate(16 + masked.length + message.length).put(iv).put(masked).put(message).array();
  }

  /** Unmasks a packet sent to {@code ourId}: its flag (1 is WHOAREYOU), or -1 if not a discv5 packet to that id. */
  private static int flagOf(byte[] ourId, DatagramPacket in) throws Exception {
    byte[] data = java.util.Arrays.copyOfRange(in.getData(), 0, in.getLength());
    if (data.length < 16 + 23) {
      return -1;
    }
    Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(ourId, 0, 16, "AES"), new IvParameterSpec(data, 0, 16));
    byte[] h = aes.doFinal(data, 16, 23);
    return new String(h, 0, 6, StandardCharsets.US_ASCII).equals("discv5") ? h[8] : -1;
  }
}
