package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.gossip.GossipMessage;
import io.edvt.networking.gossip.GossipTracer;
import io.edvt.networking.gossip.TopicValidator;
import io.edvt.networking.gossip.cache.GossipPromises;
import io.edvt.networking.gossip.cache.MessageCache;
import io.edvt.networking.gossip.cache.SeenCache;
import io.edvt.networking.gossip.mesh.Backoff;
import io.edvt.networking.gossip.mesh.Mesh;
import io.edvt.networking.gossip.scoring.PeerScore;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The state the router's parts share (peers, topics, mesh, caches, score), owned by the router
 * thread. The parts ({@link MessagePipeline}, {@link ControlHandler}, {@link Heartbeat}) each do one
 * job on it.
 */
final class RouterContext {
  final GossipConfig config;
  final PeerId self;
  final LongSupplier clock;
  final GossipTracer tracer;
  final Random random;
  final Map<PeerId, PeerState> peers = new HashMap<>();
  final Map<String, Set<PeerId>> topicPeers = new HashMap<>();
  final Map<String, Consumer<GossipMessage>> subscriptions = new HashMap<>();
  final Map<String, TopicValidator> validators = new HashMap<>();
  final Mesh mesh = new Mesh();
  final Backoff backoff = new Backoff();
  final PeerScore score;
  final MessageCache mcache;
  final SeenCache seen;
  final GossipPromises promises;
  final Outbox outbox;
  long ticks;

  RouterContext(GossipConfig config, PeerId self, LongSupplier clock, GossipTracer tracer, Random random) {
    this.config = config;
    this.self = self;
    this.clock = clock;
    this.tracer = tracer;
    this.random = random;
    this.score = new PeerScore(config.scoreParams(), clock);
    this.mcache = new MessageCache(config.mcacheLength(), config.mcacheGossip());
    this.seen = new SeenCache(config.seenTtl().toMillis(), config.maxSeenEntries(), clock);
    this.promises = new GossipPromises(config.iwantFollowupTime().toMillis(), clock);
    this.outbox = new Outbox(this);
  }

  long now() {
    return clock.getAsLong();
  }

  double score(PeerId peer) {
    return score.score(peer);
  }

  Set<PeerId> topicPeers(String topic) {
    Set<PeerId> s = topicPeers.get(topic);
    return s == null ? Set.of() : s;
  }

  /** Ready peers of {@code topic} that pass {@code filter}, in random order. */
  List<PeerId> shuffledTopicPeers(String topic, Predicate<PeerState> filter) {
    List<PeerId> out = new ArrayList<>();
    for (PeerId id : topicPeers(topic)) {
      PeerState p = peers.get(id);
      if (p != null && p.ready() && filter.test(p)) {
        out.add(id);
      }
    }
    Collections.shuffle(out, random);
    return out;
  }

  /** Adds {@code peer} to the mesh of {@code topic} and queues a GRAFT. */
  void graft(PeerId peer, String topic) {
    mesh.meshPeers(topic).add(peer);
    score.graft(peer, topic);
    outbox.graft(peer, topic);
    tracer.graft(peer, topic, false);
  }

  /** Removes {@code peer} from the mesh of {@code topic} and queues a PRUNE with a backoff (and PX if asked). */
  void prune(PeerId peer, String topic, boolean px, long backoffMillis) {
    mesh.meshPeers(topic).remove(peer);
    score.prune(peer, topic);
    outbox.prune(peer, topic, px ? peerExchange(peer, topic) : List.of(), backoffMillis);
    backoff.set(topic, peer, now() + backoffMillis);
    tracer.prune(peer, topic, false);
  }

  private List<PeerId> peerExchange(PeerId pruned, String topic) {
    if (!config.doPx()) {
      return List.of();
    }
    List<PeerId> out = new ArrayList<>();
    for (PeerId p : mesh.meshPeers(topic)) {
      if (!p.equals(pruned) && score(p) >= 0) {
        out.add(p);
      }
    }
    Collections.shuffle(out, random);
    return out.size() > config.prunePeers() ? out.subList(0, config.prunePeers()) : out;
  }

  Set<PeerId> copy(Set<PeerId> s) {
    return new HashSet<>(s);
  }
}
