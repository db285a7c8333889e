package io.edvt.networking.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A Java host with gossip for tests: records what it received and counts router events. */
final class GossipNode implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  final Host host;
  final Gossip gossip;
  final Multiaddr address;
  final Queue<GossipMessage> received = new ConcurrentLinkedQueue<>();
  final Events events = new Events();
  /** Peer exchanges received: the pruning peer, then the offered peers. */
  final Queue<List<PeerId>> exchanged = new ConcurrentLinkedQueue<>();

  /** Counts of router events by name ("graft-received", "prune-sent", "iwant-received", ...). */
  static final class Events implements GossipTracer {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    int get(String name) {
      AtomicInteger n = counts.get(name);
      return n == null ? 0 : n.get();
    }

    private void add(String name, int n) {
      counts.computeIfAbsent(name, k -> new AtomicInteger()).addAndGet(n);
    }

    private static String dir(boolean received) {
      return received ? "-received" : "-sent";
    }

    @Override
    public void graft(PeerId peer, String topic, boolean received) {
      add("graft" + dir(received), 1);
    }

    @Override
    public void prune(PeerId peer, String topic, boolean received) {
      add("prune" + dir(received), 1);
    }

    @Override
    public void ihave(PeerId peer, int ids, boolean received) {
      add("ihave" + dir(received), 1);
    }

    @Override
    public void iwant(PeerId peer, int ids, boolean received) {
      add("iwant" + dir(received), 1);
    }

    @Override
    public void idontwant(PeerId peer, int ids, boolean received) {
      add("idontwant" + dir(received), ids);
    }

    @Override
    public void duplicate(PeerId from, MessageId id) {
      add("duplicate", 1);
    }

    @Override
    public void rejected(PeerId from, String topic, ValidationResult result, String reason) {
      add(result.name().toLowerCase(), 1);
    }
  }

  GossipNode(GossipConfig config) throws Exception {
    host = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1));
    gossip = Gossip.start(host, config, events, (from, peers) -> {
      List<PeerId> entry = new java.util.ArrayList<>(List.of(from));
      entry.addAll(peers);
      exchanged.add(entry);
    });
    address = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
  }

  /** eth2 parameters with a 100 ms heartbeat so that tests run in seconds. */
  static GossipConfig fastConfig() {
    return GossipConfig.eth2(Duration.ofMinutes(2)).withHeartbeat(Duration.ofMillis(100), 6, 3);
  }

  PeerId id() {
    return host.peerId();
  }

  Connection dial(GossipNode other) throws Exception {
    return host.dial(other.address).get(5, TimeUnit.SECONDS);
  }

  void subscribe(String topic) throws Exception {
    gossip.subscribe(topic, received::add).get(5, TimeUnit.SECONDS);
  }

  Set<PeerId> mesh(String topic) throws Exception {
    return gossip.meshPeers(topic).get(5, TimeUnit.SECONDS);
  }

  double score(GossipNode other) throws Exception {
    return score(other.id());
  }

  double score(PeerId peer) throws Exception {
    return gossip.score(peer).get(5, TimeUnit.SECONDS);
  }

  PublishResult publish(String topic, byte[] data) throws Exception {
    return gossip.publish(topic, data).get(5, TimeUnit.SECONDS);
  }

  List<GossipMessage> receivedOn(String topic) {
    return received.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        assertThat(condition.getAsBoolean()).as("timed out after %s waiting for: %s", timeout, what).isTrue();
      }
      Thread.sleep(10);
    }
  }

  /** Like {@link #await} for conditions that throw. */
  interface Check {
    boolean ok() throws Exception;
  }

  static void awaitChecked(String what, Duration timeout, Check condition) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    gossip.close();
    host.close();
  }
}
