package io.edvt.networking.transport.host;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.ConnectionListener;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.identify.IdentifyInfo;
import io.edvt.networking.transport.identify.IdentifyMessage;
import io.edvt.networking.transport.identify.IdentifyProtocol;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.noise.NoiseIdentity;
import io.edvt.networking.transport.ping.PingProtocol;
import io.edvt.networking.transport.quic.QuicHostContext;
import io.edvt.networking.transport.quic.QuicTransport;
import io.edvt.networking.transport.tcp.TcpTransport;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A libp2p host over TCP and QUIC: listens, dials, upgrades connections (TCP: noise, then yamux or
 * mplex; QUIC: TLS 1.3 and native streams, see {@link QuicTransport}), serves
 * the protocols of its {@link ProtocolRegistry} (identify and ping built in) and tracks its
 * connections per peer. Thread safe. The layers above use it like this:
 *
 * <pre>{@code
 * Host host = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(random)));
 * host.registry().register("/my/proto/1", () -> new MyHandler());      // accept streams
 * Multiaddr me = host.listen(Multiaddr.parse("/ip4/0.0.0.0/tcp/9000")).join();
 * Connection c = host.dial(Multiaddr.parse("/ip4/10.0.0.2/tcp/9000/p2p/16Uiu2...")).join();
 * Stream s = c.openStream("/my/proto/1", new MyClientHandler()).join(); // open streams
 * }</pre>
 */
public final class Host implements AutoCloseable, HostContext {
  /**
   * Inbound TCP connections still in their upgrade (before noise and the muxer are done) at once;
   * more are closed at accept, so a flood of half-open handshakes costs bounded memory (each one
   * also ends at the handshake timeout). QUIC has the same bound ({@link QuicTransport}).
   */
  public static final int MAX_PENDING_INBOUND_UPGRADES = 256;

  private final HostConfig config;
  private final SecureRandom random = new SecureRandom();
  private final PeerId peerId;
  private final NoiseIdentity noiseIdentity;
  private final ProtocolRegistry registry = new ProtocolRegistry();
  private final TcpTransport tcp;
  private final io.netty.channel.EventLoopGroup sharedGroup;
  private QuicTransport quic;
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final Map<PeerId, Set<Connection>> connections = new ConcurrentHashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger pendingInbound = new java.util.concurrent.atomic.AtomicInteger();

  private Host(HostConfig config, TcpTransport tcp, io.netty.channel.EventLoopGroup sharedGroup) {
    this.sharedGroup = sharedGroup;
    this.config = config;
    this.peerId = config.identity().peerId();
    this.noiseIdentity = new NoiseIdentity(config.identity(), random,
        config.earlyMuxerNegotiation() ? config.muxers() : List.of());
    this.tcp = tcp;
    registry.register(IdentifyProtocol.PROTOCOL_ID, new IdentifyProtocol(this::describeSelf).handler());
    registry.register(PingProtocol.PROTOCOL_ID, PingProtocol.handler());
  }

  public static Host start(HostConfig config) {
    return new Host(config, new TcpTransport(config.eventLoopThreads()), null);
  }

  /** A host on an event loop group shared with other hosts (tests, benchmarks); closing it leaves the group. */
  public static Host start(HostConfig config, io.netty.channel.EventLoopGroup group) {
    return new Host(config, new TcpTransport(group), group);
  }

  @Override
  public PeerId peerId() {
    return peerId;
  }

  @Override
  public ProtocolRegistry registry() {
    return registry;
  }

  @Override
  public HostConfig config() {
    return config;
  }

  /**
   * Listens on a TCP ({@code /ip4/0.0.0.0/tcp/9000}) or QUIC ({@code /ip4/0.0.0.0/udp/9001/quic-v1})
   * multiaddr (port 0 picks a free one); returns the bound address with our /p2p id.
   */
  public CompletableFuture<Multiaddr> listen(Multiaddr address) {
    if (address.isQuic()) {
      return quic().listen(address.toQuicSocketAddress()).thenApply(bound -> {
        Multiaddr m = Multiaddr.fromQuicSocketAddress(bound);
        listenAddresses.add(m);
        return m.withPeerId(peerId);
      });
    }
    InetSocketAddress socket = address.toTcpSocketAddress();
    return tcp.listen(socket, ch -> {
      Multiaddr remote = Multiaddr.fromSocketAddress(ch.remoteAddress());
      String refusal = config.gate().refuseInbound(remote);
      if (refusal != null) {
        System.getLogger("io.edvt.networking.transport.host").log(System.Logger.Level.DEBUG,
            "refused inbound connection from {0}: {1}", remote, refusal);
        ch.close();
        return;
      }
      if (pendingInbound.incrementAndGet() > MAX_PENDING_INBOUND_UPGRADES) {
        pendingInbound.decrementAndGet();
        System.getLogger("io.edvt.networking.transport.host").log(System.Logger.Level.INFO,
            "refused inbound connection from {0}: {1} upgrades pending", remote, MAX_PENDING_INBOUND_UPGRADES);
        ch.close();
        return;
      }
      CompletableFuture<Connection> upgraded = new CompletableFuture<>();
      upgraded.whenComplete((c, e) -> pendingInbound.decrementAndGet());
      new ConnectionUpgrade(this, Direction.INBOUND, null, upgraded).install(ch);
    }).thenApply(bound -> {
      Multiaddr m = Multiaddr.fromSocketAddress(bound);
      listenAddresses.add(m);
      return m.withPeerId(peerId);
    });
  }

  public List<Multiaddr> listenAddresses() {
    return List.copyOf(listenAddresses);
  }

  /**
   * Dials a TCP or QUIC multiaddr; with a trailing {@code /p2p/<id>} the remote must prove that
   * identity in the handshake. Fails with a {@link ConnectionFailedException} naming the step.
   */
  public CompletableFuture<Connection> dial(Multiaddr address) {
    CompletableFuture<Connection> result = new CompletableFuture<>();
    String refusal = config.gate().refuseDial(address);
    if (refusal != null) {
      result.completeExceptionally(new ConnectionFailedException("dial to " + address + " refused: " + refusal));
      return result;
    }
    PeerId expected = address.peerId().orElse(null);
    if (address.isQuic()) {
      return quic().dial(address.toQuicSocketAddress(), expected);
    }
    ChannelFuture f = tcp.dial(address.toTcpSocketAddress(),
        ch -> new ConnectionUpgrade(this, Direction.OUTBOUND, expected, result).install(ch));
    f.addListener(cf -> {
      if (!cf.isSuccess()) {
        result.completeExceptionally(new ConnectionFailedException("dial to " + address + ": " + cf.cause().getMessage(),
            cf.cause()));
      }
    });
    return result;
  }

  public void addConnectionListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  public List<Connection> connections() {
    List<Connection> out = new ArrayList<>();
    connections.values().forEach(out::addAll);
    return out;
  }

  public List<Connection> connections(PeerId peer) {
    return List.copyOf(connections.getOrDefault(peer, Set.of()));
  }

  /**
   * Opens a stream to {@code peer} on an open connection to it (the oldest), without dialling.
   * Fails with a {@link ConnectionFailedException} when there is none.
   */
  public CompletableFuture<io.edvt.networking.transport.api.Stream> openStream(PeerId peer, List<String> protocols,
      io.edvt.networking.transport.api.StreamHandler handler) {
    for (Connection c : connections(peer)) {
      if (c.isOpen()) {
        return c.openStream(protocols, handler);
      }
    }
    return CompletableFuture.failedFuture(new ConnectionFailedException("no open connection to " + peer));
  }

  public CompletableFuture<IdentifyInfo> identify(Connection connection) {
    return IdentifyProtocol.identify(connection);
  }

  public CompletableFuture<Duration> ping(Connection connection) {
    return PingProtocol.ping(connection);
  }

  private IdentifyMessage describeSelf(Connection connection) {
    return new IdentifyMessage(HostConfig.PROTOCOL_VERSION, config.agentVersion(),
        config.identity().publicKey().toProtobuf(), listenAddresses.stream().map(Multiaddr::toBytes).toList(),
        connection.remoteAddress().toBytes(), registry.protocols());
  }

  // --------------------------------------------------------------------------- HostContext

  @Override
  public NoiseIdentity noiseIdentity() {
    return noiseIdentity;
  }

  @Override
  public SecureRandom random() {
    return random;
  }

  @Override
  public String refuseSecured(PeerId peer, Direction direction) {
    return config.gate().refuseSecured(peer, direction, connections.getOrDefault(peer, Set.of()).size());
  }

  @Override
  public void established(NettyConnection connection) {
    register(connection);
  }

  private void register(Connection connection) {
    connections.computeIfAbsent(connection.remotePeerId(), p -> ConcurrentHashMap.newKeySet()).add(connection);
    connection.closeFuture().whenComplete((v, e) -> {
      connections.computeIfPresent(connection.remotePeerId(), (p, set) -> {
        set.remove(connection);
        return set.isEmpty() ? null : set;
      });
      listeners.forEach(l -> l.onDisconnected(connection));
    });
    listeners.forEach(l -> l.onConnected(connection));
  }

  /** The QUIC transport, made on first use (it loads the native QUIC library and makes a certificate). */
  private synchronized QuicTransport quic() {
    if (quic == null) {
      quic = new QuicTransport(sharedGroup, config.eventLoopThreads(), config.identity(), random, new QuicHostContext() {
        @Override
        public PeerId peerId() {
          return peerId;
        }

        @Override
        public ProtocolRegistry registry() {
          return registry;
        }

        @Override
        public io.edvt.networking.transport.mux.MuxerConfig muxerConfig() {
          return config.muxerConfig();
        }

        @Override
        public Duration handshakeTimeout() {
          return config.handshakeTimeout();
        }

        @Override
        public String refuseInbound(Multiaddr remote) {
          return config.gate().refuseInbound(remote);
        }

        @Override
        public String refuseSecured(PeerId peer, Direction direction) {
          return Host.this.refuseSecured(peer, direction);
        }

        @Override
        public void established(Connection connection) {
          register(connection);
        }
      });
    }
    return quic;
  }

  @Override
  public void close() {
    connections().forEach(Connection::close);
    tcp.close();
    synchronized (this) {
      if (quic != null) {
        quic.close();
      }
    }
  }
}
