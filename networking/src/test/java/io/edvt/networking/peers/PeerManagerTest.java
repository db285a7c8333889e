package io.edvt.networking.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.DiscoveredPeer;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.PeerSource;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerManagerTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final byte[] OURS = HexFormat.of().parseHex("edf70001");
  static final byte[] OTHER = HexFormat.of().parseHex("0a0b0c0d");

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  /** A clock tests move by hand. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-07T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Status answers from a table (default accept), goodbyes recorded. */
  static final class FakeStatus implements StatusExchange {
    final Map<PeerId, CompletableFuture<StatusVerdict>> answers = new ConcurrentHashMap<>();
    final Map<PeerId, GoodbyeReason> goodbyes = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<StatusVerdict> exchange(Connection connection) {
      return answers.getOrDefault(connection.remotePeerId(), CompletableFuture.completedFuture(StatusVerdict.ACCEPT));
    }

    @Override
    public CompletableFuture<Void> goodbye(Connection connection, GoodbyeReason reason) {
      goodbyes.put(connection.remotePeerId(), reason);
      return CompletableFuture.completedFuture(null);
    }
  }

  static final class FakeSource implements PeerSource {
    final List<DiscoveredPeer> peers = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<List<DiscoveredPeer>> searchForPeers() {
      return CompletableFuture.completedFuture(List.copyOf(peers));
    }

    @Override
    public List<DiscoveredPeer> knownPeers() {
      return List.copyOf(peers);
    }
  }

  record Remote(Host host, Secp256k1PrivateKey key, Multiaddr tcp) {}

  private Remote remote() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    Host h = Host.start(HostConfig.defaults(key).withEventLoopThreads(1));
    closeables.add(h);
    Multiaddr a = h.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    return new Remote(h, key, a);
  }

  static DiscoveredPeer enr(Remote r, byte[] digest, BitSet attnets, Optional<InetSocketAddress> quic) {
    return new DiscoveredPeer(new BigInteger(1, r.key.raw()), r.key.publicKey(), Optional.of(r.tcp.toTcpSocketAddress()),
        quic, Optional.of(new EnrForkId(digest, new byte[4], UInt64.MAX_VALUE)), attnets, new BitSet(),
        OptionalInt.empty(), Optional.empty(), false, 1, "");
  }

  record Local(Host host, PeerManager manager, FakeStatus status, FakeSource source, PeerCounters metrics,
      TestClock clock) {}

  private Local local(PeerManagerConfig config, SubnetInterest interest) {
    FakeStatus status = new FakeStatus();
    FakeSource source = new FakeSource();
    PeerCounters metrics = new PeerCounters();
    TestClock clock = new TestClock();
    PeerManager m = new PeerManager(config, source, status, () -> OURS, interest, metrics, clock);
    Host h = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1).withGate(m)
        .withHandshakeTimeout(Duration.ofSeconds(2)));
    h.addConnectionListener(m);
    closeables.add(h);
    closeables.add(m);
    m.start(h::dial);
    return new Local(h, m, status, source, metrics, clock);
  }

  static PeerManagerConfig fast(int target, int max) {
    return PeerManagerConfig.defaults().withPeers(target, max)
        .withTimings(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(60));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void dialsDiscoveredPeersOnOurForkDigestUpToTheTarget() throws Exception {
    Local l = local(fast(3, 5), SubnetInterest.NONE);
    List<Remote> same = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Remote r = remote();
      same.add(r);
      l.source.peers.add(enr(r, OURS, new BitSet(), Optional.empty()));
    }
    Remote foreign = remote();
    l.source.peers.add(0, enr(foreign, OTHER, new BitSet(), Optional.empty()));
    await("3 ready peers", () -> l.manager.readyPeers().size() == 3);
    Thread.sleep(300);
    assertThat(l.manager.readyPeers()).hasSize(3).doesNotContain(foreign.host.peerId());
    assertThat(l.metrics.get("peers_connected{direction=outbound,transport=tcp}")).isEqualTo(3);
    assertThat(l.metrics.get("discovery_queries_total")).isPositive();
  }

  @Test
  void aPeerOnAnotherNetworkGetsGoodbyeIrrelevantNetwork() throws Exception {
    Local l = local(fast(2, 4), SubnetInterest.NONE);
    Remote r = remote();
    l.status.answers.put(r.host.peerId(), CompletableFuture.completedFuture(
        new StatusVerdict.Reject(GoodbyeReason.IRRELEVANT_NETWORK, "fork digest 0x0a0b0c0d")));
    l.source.peers.add(enr(r, OURS, new BitSet(), Optional.empty()));
    await("goodbye sent", () -> l.status.goodbyes.containsKey(r.host.peerId()));
    assertThat(l.status.goodbyes.get(r.host.peerId())).isEqualTo(GoodbyeReason.IRRELEVANT_NETWORK);
    await("disconnected", () -> l.host.connections(r.host.peerId()).isEmpty());
    Thread.sleep(300); // the dial backoff keeps it from being redialled
    assertThat(l.host.connections(r.host.peerId())).isEmpty();
  }

  @Test
  void aPeerThatNeverAnswersStatusIsDisconnectedAfterTheTimeout() throws Exception {
    Local l = local(fast(2, 4).withStatusTimeout(Duration.ofMillis(300)), SubnetInterest.NONE);
    Remote r = remote();
    l.status.answers.put(r.host.peerId(), new CompletableFuture<>()); // never completes
    l.source.peers.add(enr(r, OURS, new BitSet(), Optional.empty()));
    await("goodbye sent", () -> l.status.goodbyes.containsKey(r.host.peerId()));
    assertThat(l.status.goodbyes.get(r.host.peerId())).isEqualTo(GoodbyeReason.FAULT_OR_ERROR);
    await("disconnected", () -> l.host.connections(r.host.peerId()).isEmpty());
    assertThat(l.metrics.get("peer_goodbyes_total{reason=fault_or_error}")).isEqualTo(1);
  }

  @Test
  void aFatalReportBansThePeerUntilTheBanExpires() throws Exception {
    Local l = local(fast(2, 4), SubnetInterest.NONE);
    Remote r = remote();
    Connection c = r.host.dial(l.host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get()).get(5, TimeUnit.SECONDS);
    await("ready", () -> l.manager.readyPeers().contains(r.host.peerId()));
    assertThat(l.metrics.get("peers_connected{direction=inbound,transport=tcp}")).isEqualTo(1);
    l.manager.report(r.host.peerId(), PeerAction.FATAL, "invalid block signature");
    await("banned goodbye", () -> l.status.goodbyes.get(r.host.peerId()) == GoodbyeReason.BANNED);
    c.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(l.manager.isBanned(r.host.peerId())).isTrue();
    Multiaddr ours = l.host.listenAddresses().getFirst().withPeerId(l.host.peerId());
    // The banned peer may finish its side of the handshake, but we refuse it at once.
    r.host.dial(ours).handle((x, e) -> null).get(5, TimeUnit.SECONDS);
    await("the banned peer's connection refused", () -> l.host.connections(r.host.peerId()).isEmpty()
        && r.host.connections(l.host.peerId()).isEmpty());
    assertThat(l.metrics.get("peer_bans_total")).isEqualTo(1);

    l.clock.now = l.clock.now.plus(PeerManagerConfig.defaults().banDuration()).plusSeconds(1);
    assertThat(l.manager.isBanned(r.host.peerId())).isFalse();
    assertThat(r.host.dial(ours)).succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void reportsLowerTheScoreUntilThePeerIsDisconnectedAndTheScoreDecays() throws Exception {
    Local l = local(fast(2, 4), SubnetInterest.NONE);
    Remote r = remote();
    r.host.dial(l.host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get()).get(5, TimeUnit.SECONDS);
    await("ready", () -> l.manager.readyPeers().contains(r.host.peerId()));
    l.manager.report(r.host.peerId(), PeerAction.LOW_TOLERANCE, "rejected gossip");
    assertThat(l.manager.score(r.host.peerId())).isEqualTo(-10.0);
    l.manager.report(r.host.peerId(), PeerAction.LOW_TOLERANCE, "rejected gossip");
    await("bad score goodbye", () -> l.status.goodbyes.get(r.host.peerId()) == GoodbyeReason.BAD_SCORE);
    l.clock.now = l.clock.now.plus(PeerScores.HALF_LIFE);
    assertThat(l.manager.score(r.host.peerId())).isCloseTo(-10.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void withAPruneAllowanceUpToTheMaximumPeersBetweenTargetAndMaximumAreKept() throws Exception {
    // Teku's --p2p-peer-lower-bound=1 --p2p-peer-upper-bound=4: a range, not a target to prune back to
    Local l = local(fast(1, 4).withPruneAllowance(3), SubnetInterest.NONE);
    Multiaddr ours = l.host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get();
    for (int i = 0; i < 3; i++) {
      remote().host.dial(ours).get(5, TimeUnit.SECONDS);
    }
    await("three peers ready", () -> l.manager.readyPeers().size() == 3);
    // ten heartbeats (50 ms each) pass: without the allowance the first of them pruned back to one peer
    long tenHeartbeats = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    await("ten heartbeats", () -> System.nanoTime() >= tenHeartbeats);
    assertThat(l.host.connections()).hasSize(3);
    assertThat(l.status.goodbyes).isEmpty();
  }

  @Test
  void connectionsBeyondTheMaximumGetGoodbyeTooManyPeers() throws Exception {
    Local l = local(fast(1, 2), SubnetInterest.NONE);
    Multiaddr ours = l.host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get();
    List<Remote> rs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Remote r = remote();
      rs.add(r);
      r.host.dial(ours).get(5, TimeUnit.SECONDS);
      Thread.sleep(100);
    }
    await("a too-many-peers goodbye", () -> l.status.goodbyes.containsValue(GoodbyeReason.TOO_MANY_PEERS));
    await("at most the target of 1 plus the pruning allowance of 1", () -> l.host.connections().size() == 2);
  }

  @Test
  void pruningKeepsThePeersThatServeANeededSubnet() throws Exception {
    SubnetInterest needAttnet7 = new SubnetInterest() {
      @Override
      public Set<Integer> attestationSubnets() {
        return Set.of(7);
      }

      @Override
      public int minPeersPerSubnet() {
        return 1;
      }
    };
    Local l = local(fast(2, 6), needAttnet7);
    Multiaddr ours = l.host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get();
    BitSet att = new BitSet();
    att.set(7);
    Remote first = remote();
    first.host.dial(ours).get(5, TimeUnit.SECONDS);
    PeerId subnetPeer = first.host.peerId();
    await("ready", () -> l.manager.readyPeers().contains(subnetPeer));
    l.manager.updatePeerMetadata(subnetPeer, att, new BitSet(), Set.of());
    for (int i = 0; i < 3; i++) {
      remote().host.dial(ours).get(5, TimeUnit.SECONDS);
    }
    await("pruned to 2", () -> l.host.connections().size() == 2);
    assertThat(l.host.connections(subnetPeer)).hasSize(1);
    assertThat(l.status.goodbyes.values()).containsOnly(GoodbyeReason.TOO_MANY_PEERS);
  }

  @Test
  void aPeerWeLackForASubnetIsDialledBeyondTheTargetAndFirst() throws Exception {
    SubnetInterest needAttnet3 = new SubnetInterest() {
      @Override
      public Set<Integer> attestationSubnets() {
        return Set.of(3);
      }

      @Override
      public int minPeersPerSubnet() {
        return 1;
      }
    };
    Local l = local(fast(1, 3), needAttnet3);
    BitSet att = new BitSet();
    att.set(3);
    Remote plain = remote();
    Remote subnet = remote();
    l.source.peers.add(enr(plain, OURS, new BitSet(), Optional.empty()));
    l.source.peers.add(enr(subnet, OURS, att, Optional.empty()));
    await("the subnet peer", () -> l.manager.readyPeers().contains(subnet.host.peerId()));
  }

  @Test
  void aNodeOnTheMemberTopicsDialsGroupMemberPeersFirst() throws Exception {
    SubnetInterest member = new SubnetInterest() {
      @Override
      public boolean groupMemberTopics() {
        return true;
      }

      @Override
      public int minPeersPerSubnet() {
        return 1;
      }
    };
    Local l = local(fast(1, 3), member);
    Remote plain = remote();
    Remote gmember = remote();
    DiscoveredPeer g = enr(gmember, OURS, new BitSet(), Optional.empty());
    g = new DiscoveredPeer(g.nodeId(), g.publicKey(), g.tcp(), g.quic(), g.eth2(), g.attnets(), g.syncnets(),
        g.custodyGroupCount(), g.nextForkDigest(), true, g.seq(), g.enr());
    // Both at once, the plain peer listed first, so only the manager's ordering puts gmember first.
    l.source.peers.addAll(List.of(enr(plain, OURS, new BitSet(), Optional.empty()), g));
    await("the gmember peer", () -> l.manager.readyPeers().contains(gmember.host.peerId()));
    // With the target of 1 met by the gmember peer and no subnet lacking, the plain peer is never
    // dialled; had it been dialled first, it would be connected too.
    Thread.sleep(300);
    assertThat(l.manager.readyPeers()).containsExactly(gmember.host.peerId());
    assertThat(l.host.connections(plain.host.peerId())).isEmpty();
  }

  @Test
  void quicIsDialledFirstAndTcpIsTheFallback() throws Exception {
    Local l = local(fast(2, 4), SubnetInterest.NONE);
    Remote quicPeer = remote();
    Multiaddr q = quicPeer.host.listen(Multiaddr.parse("/ip4/127.0.0.1/udp/0/quic-v1")).get(5, TimeUnit.SECONDS);
    Remote tcpOnly = remote(); // advertises a QUIC port nobody listens on
    l.source.peers.add(enr(quicPeer, OURS, new BitSet(), Optional.of(q.toQuicSocketAddress())));
    l.source.peers.add(enr(tcpOnly, OURS, new BitSet(), Optional.of(new InetSocketAddress("127.0.0.1", 9))));
    await("both ready", () -> l.manager.readyPeers().size() == 2);
    assertThat(l.host.connections(quicPeer.host.peerId()).getFirst().muxer()).isEqualTo("/quic-v1");
    assertThat(l.host.connections(tcpOnly.host.peerId()).getFirst().remoteAddress().isQuic()).isFalse();
    assertThat(l.metrics.get("peers_connected{direction=outbound,transport=quic}")).isEqualTo(1);
    assertThat(l.metrics.get("peers_connected{direction=outbound,transport=tcp}")).isEqualTo(1);
    assertThat(Direction.OUTBOUND).isEqualTo(l.host.connections(quicPeer.host.peerId()).getFirst().direction());
  }
}
