package io.edvt.networking.peers;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.DiscoveryConfig;
import io.edvt.networking.discovery.DiscoveryMetrics;
import io.edvt.networking.discovery.DiscoveryService;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.LocalEnrFields;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One local node as the node module will wire it: a host on TCP and QUIC (loopback), discv5 with
 * the eth2 ENR, and a peer manager whose status exchange accepts everyone (the eth2 layer's job).
 */
public final class TestNode implements AutoCloseable {
  public static final byte[] DIGEST = HexFormat.of().parseHex("edf70001");
  private static final SecureRandom RANDOM = new SecureRandom();

  public final Host host;
  public final DiscoveryService discovery;
  public final PeerManager peers;
  public final PeerCounters metrics = new PeerCounters();

  public TestNode(List<String> bootnodes, int targetPeers, boolean quic, io.netty.channel.EventLoopGroup group)
      throws Exception {
    this(bootnodes, PeerManagerConfig.defaults().withPeers(targetPeers, targetPeers + 4)
        .withTimings(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(2)), quic, group);
  }

  /** With the peer manager's own timings ({@code config}), e.g. the defaults the node runs. */
  public TestNode(List<String> bootnodes, PeerManagerConfig config, boolean quic, io.netty.channel.EventLoopGroup group)
      throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    PeerManagerConfig pc = config.withPreferQuic(quic);
    StatusExchange acceptAll = new StatusExchange() {
      @Override
      public CompletableFuture<StatusVerdict> exchange(Connection connection) {
        return CompletableFuture.completedFuture(StatusVerdict.ACCEPT);
      }

      @Override
      public CompletableFuture<Void> goodbye(Connection connection, GoodbyeReason reason) {
        return CompletableFuture.completedFuture(null);
      }
    };
    HostConfig hc = HostConfig.defaults(key).withEventLoopThreads(1);
    host = group == null ? Host.start(hc.withGate(gateOf())) : Host.start(hc.withGate(gateOf()), group);
    int tcp = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS).toTcpSocketAddress().getPort();
    OptionalInt quicPort = OptionalInt.empty();
    if (quic) {
      quicPort = OptionalInt.of(host.listen(Multiaddr.parse("/ip4/127.0.0.1/udp/0/quic-v1")).get(5, TimeUnit.SECONDS)
          .toQuicSocketAddress().getPort());
    }
    DiscoveryConfig dc = DiscoveryConfig.defaults().withListen(InetAddress.getLoopbackAddress(), 0)
        .withLibp2pPorts(tcp, quicPort).withBootnodes(bootnodes).withSiteLocalAddresses(true);
    discovery = new DiscoveryService(dc, key,
        LocalEnrFields.of(new EnrForkId(DIGEST, HexFormat.of().parseHex("06000000"), UInt64.MAX_VALUE)), null,
        DiscoveryMetrics.NONE);
    peers = new PeerManager(pc, discovery, acceptAll, () -> DIGEST, SubnetInterest.NONE, metrics, Clock.systemUTC());
    gate.delegate = peers;
    host.addConnectionListener(peers);
    discovery.start().get(5, TimeUnit.SECONDS);
    peers.start(host::dial);
  }

  private final DelegatingGate gate = new DelegatingGate();

  private io.edvt.networking.transport.api.ConnectionGate gateOf() {
    return gate;
  }

  /** The host needs its gate before the manager exists (the manager needs the host's key and ports). */
  private static final class DelegatingGate implements io.edvt.networking.transport.api.ConnectionGate {
    volatile io.edvt.networking.transport.api.ConnectionGate delegate = ALLOW_ALL;

    @Override
    public String refuseDial(Multiaddr address) {
      return delegate.refuseDial(address);
    }

    @Override
    public String refuseInbound(Multiaddr remoteAddress) {
      return delegate.refuseInbound(remoteAddress);
    }

    @Override
    public String refuseSecured(io.edvt.networking.transport.crypto.PeerId peer,
        io.edvt.networking.transport.api.Direction direction, int open) {
      return delegate.refuseSecured(peer, direction, open);
    }
  }

  public String enr() {
    return discovery.localEnr();
  }

  @Override
  public void close() {
    closeAsync().join();
  }

  /** Stops the node; discovery's stop (about 2 s in the library) runs in the background. */
  public CompletableFuture<Void> closeAsync() {
    peers.close();
    CompletableFuture<Void> d = discovery.stopAsync();
    host.close();
    return d;
  }
}
