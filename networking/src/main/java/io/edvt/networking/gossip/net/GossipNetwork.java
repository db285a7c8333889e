package io.edvt.networking.gossip.net;

import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.gossip.router.GossipRouter;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.ConnectionListener;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.host.Host;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects a {@link GossipRouter} to a {@link Host}: registers the meshsub protocols for the
 * peers' streams to us, opens one outbound stream per peer (on the first connection; again on
 * another connection when that one closes), and reports peers and RPCs to the router.
 */
public final class GossipNetwork implements ConnectionListener, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.gossip");

  private final Host host;
  private final GossipRouter router;
  private final GossipConfig config;
  private final Map<PeerId, Outbound> outbound = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Outbound(Connection connection, OutboundRpcStream stream) {}

  public GossipNetwork(Host host, GossipRouter router) {
    this.host = host;
    this.router = router;
    this.config = router.config();
  }

  /** Registers the protocols and starts following connections (including those open already). */
  public void start() {
    for (String p : config.protocols()) {
      host.registry().register(p, () -> new InboundRpcStream(config.limits(), router::rpcReceived));
    }
    host.addConnectionListener(this);
    host.connections().forEach(this::onConnected);
  }

  @Override
  public void onConnected(Connection c) {
    if (closed) {
      return;
    }
    PeerId peer = c.remotePeerId();
    router.peerConnected(peer, c.direction() == Direction.OUTBOUND, ip(c));
    openOutbound(peer, c);
  }

  private void openOutbound(PeerId peer, Connection c) {
    OutboundRpcStream s = new OutboundRpcStream(config.maxOutboundQueueBytes(), this::outboundClosed);
    Outbound o = new Outbound(c, s);
    if (outbound.putIfAbsent(peer, o) != null) {
      return;
    }
    c.openStream(config.protocols(), s).whenComplete((stream, e) -> {
      if (e != null) {
        outbound.remove(peer, o);
        if (e instanceof StreamClosedException sce && sce.kind() == StreamClosedException.Kind.NEGOTIATION_FAILED) {
          LOG.log(System.Logger.Level.DEBUG, "peer {0} does not speak {1}", peer, config.protocols());
        }
        return;
      }
      router.outboundReady(peer, stream.protocol(), s);
    });
  }

  private void outboundClosed(OutboundRpcStream s) {
    for (Map.Entry<PeerId, Outbound> e : outbound.entrySet()) {
      if (e.getValue().stream() == s && outbound.remove(e.getKey(), e.getValue())) {
        PeerId peer = e.getKey();
        router.outboundLost(peer);
        if (!closed) {
          for (Connection c : host.connections(peer)) {
            if (c.isOpen()) {
              openOutbound(peer, c);
              break;
            }
          }
        }
      }
    }
  }

  @Override
  public void onDisconnected(Connection c) {
    PeerId peer = c.remotePeerId();
    for (Connection other : host.connections(peer)) {
      if (other != c && other.isOpen()) {
        return; // the outbound stream moves over when its own connection's stream closes
      }
    }
    router.peerDisconnected(peer);
  }

  private static String ip(Connection c) {
    try {
      return c.remoteAddress().toTcpSocketAddress().getAddress().getHostAddress();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (String p : config.protocols()) {
      host.registry().unregister(p);
    }
    outbound.values().forEach(o -> o.stream().close());
  }
}
