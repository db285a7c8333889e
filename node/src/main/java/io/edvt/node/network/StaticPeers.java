package io.edvt.node.network;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the configured static peers connected: dials each one at start and again, every
 * {@code every}, while it is not connected (the peer manager's gate still applies: a banned
 * static peer stays out until its ban ends).
 */
public final class StaticPeers implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StaticPeers.class.getName());

  private final Host host;
  private final List<Multiaddr> peers;
  private final Set<PeerId> dialing = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "static-peers");
    t.setDaemon(true);
    return t;
  });

  public StaticPeers(Host host, List<Multiaddr> peers) {
    this.host = host;
    this.peers = List.copyOf(peers);
  }

  public void start(Duration every) {
    if (!peers.isEmpty()) {
      timer.scheduleWithFixedDelay(this::dialMissing, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void dialMissing() {
    for (Multiaddr address : peers) {
      PeerId id = address.peerId().orElseThrow();
      if (host.connections(id).isEmpty() && dialing.add(id)) {
        host.dial(address).whenComplete((c, e) -> {
          dialing.remove(id);
          if (e != null) {
            LOG.log(System.Logger.Level.DEBUG, "static peer {0}: {1}", address, e.toString());
          }
        });
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
