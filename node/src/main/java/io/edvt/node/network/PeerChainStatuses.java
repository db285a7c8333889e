package io.edvt.node.network;

import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.ConnectionListener;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The last Status each connected peer sent us, and the peers whose status we accepted (ready for
 * sync requests). The status exchange waits here for an inbound peer's Status; sync listens for
 * peers becoming ready. Thread safe.
 */
public final class PeerChainStatuses implements ConnectionListener {
  /** An accepted peer: its connection and latest status. */
  public record ReadyPeer(Connection connection, StatusMessage status) {
    public PeerId id() {
      return connection.remotePeerId();
    }
  }

  private final Map<PeerId, CompletableFuture<StatusMessage>> received = new ConcurrentHashMap<>();
  private final Map<PeerId, ReadyPeer> ready = new ConcurrentHashMap<>();
  private final List<BiConsumer<ReadyPeer, Boolean>> listeners = new CopyOnWriteArrayList<>();

  /** A peer sent us its Status (as a request, or as the answer to ours). */
  public void received(PeerId peer, StatusMessage status) {
    CompletableFuture<StatusMessage> f = received.computeIfAbsent(peer, p -> new CompletableFuture<>());
    if (!f.complete(status)) {
      received.put(peer, CompletableFuture.completedFuture(status));
    }
    ReadyPeer r = ready.computeIfPresent(peer, (p, old) -> new ReadyPeer(old.connection(), status));
    if (r != null) {
      listeners.forEach(l -> l.accept(r, true));
    }
  }

  /** The next (or already received) Status of {@code peer}. */
  public CompletableFuture<StatusMessage> awaitStatus(PeerId peer) {
    return received.computeIfAbsent(peer, p -> new CompletableFuture<>());
  }

  /** The status exchange accepted the peer. */
  void accepted(Connection connection, StatusMessage status) {
    ReadyPeer r = new ReadyPeer(connection, status);
    ready.put(connection.remotePeerId(), r);
    listeners.forEach(l -> l.accept(r, true));
  }

  /** Peers whose status we accepted and that are still connected. */
  public List<ReadyPeer> ready() {
    return ready.values().stream().filter(r -> r.connection().isOpen()).toList();
  }

  public Optional<ReadyPeer> ready(PeerId peer) {
    return Optional.ofNullable(ready.get(peer)).filter(r -> r.connection().isOpen());
  }

  /** Calls {@code listener(peer, true)} when a peer becomes ready or sends a new status, {@code (peer, false)} when it leaves. */
  public void subscribe(BiConsumer<ReadyPeer, Boolean> listener) {
    listeners.add(listener);
  }

  @Override
  public void onConnected(Connection connection) {}

  @Override
  public void onDisconnected(Connection connection) {
    PeerId id = connection.remotePeerId();
    received.remove(id);
    ReadyPeer r = ready.get(id);
    if (r != null && r.connection() == connection) {
      ready.remove(id);
      listeners.forEach(l -> l.accept(r, false));
    }
  }
}
