package io.edvt.networking.gossip.scoring;

import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The gossipsub v1.1 peer score: per peer and topic the counters behind P1 (time in mesh), P2
 * (first deliveries), P3 (mesh delivery deficit), P3b (mesh failure penalty) and P4 (invalid
 * deliveries), plus P5 (application), P6 (IP colocation) and P7 (behaviour penalty), with decay and
 * the retention of disconnected peers' scores. It also keeps, per message id, who delivered the
 * message while it was validated, so that duplicates count for P3 and a rejection counts for all.
 *
 * <p>Not thread safe: the router calls it from its own thread only.
 */
public final class PeerScore {
  /** How long delivery records are kept (as long as js-libp2p and go-libp2p keep theirs). */
  static final long DELIVERY_RECORD_TTL_MS = 120_000;

  private final PeerScoreParams params;
  private final LongSupplier clock;
  private final Map<PeerId, PeerStats> peers = new HashMap<>();
  private final Map<String, Set<PeerId>> peersByIp = new HashMap<>();
  private final Map<MessageId, DeliveryRecord> deliveries = new LinkedHashMap<>();
  private long lastDecay;

  /** @param clock milliseconds (any origin) */
  public PeerScore(PeerScoreParams params, LongSupplier clock) {
    this.params = params;
    this.clock = clock;
    this.lastDecay = clock.getAsLong();
  }

  public PeerScoreParams params() {
    return params;
  }

  private static final class TopicStats {
    boolean inMesh;
    long graftTime;
    double firstMessageDeliveries;
    double meshMessageDeliveries;
    double meshFailurePenalty;
    double invalidMessageDeliveries;
  }

  private static final class PeerStats {
    boolean connected = true;
    long expireAt;
    String ip;
    double behaviourPenalty;
    final Map<String, TopicStats> topics = new HashMap<>();
  }

  private enum DeliveryStatus { UNKNOWN, VALID, INVALID, IGNORED }

  private static final class DeliveryRecord {
    final long firstSeen;
    long validated;
    DeliveryStatus status = DeliveryStatus.UNKNOWN;
    final Set<PeerId> peers = new HashSet<>();

    DeliveryRecord(long firstSeen) {
      this.firstSeen = firstSeen;
    }
  }

  // ------------------------------------------------------------------------------ peers

  /** A peer connected from {@code ip} (null if unknown); a retained score is taken up again. */
  public void addPeer(PeerId peer, String ip) {
    PeerStats s = peers.computeIfAbsent(peer, p -> new PeerStats());
    s.connected = true;
    if (ip != null && s.ip == null) {
      s.ip = ip;
      peersByIp.computeIfAbsent(ip, k -> new HashSet<>()).add(peer);
    }
  }

  /**
   * A peer disconnected: a positive score is forgotten; otherwise it is retained for
   * {@code retainScore} so that reconnecting does not clear penalties. Leaving a mesh by
   * disconnecting counts as a prune (P3b).
   */
  public void removePeer(PeerId peer) {
    PeerStats s = peers.get(peer);
    if (s == null) {
      return;
    }
    if (s.ip != null) {
      Set<PeerId> set = peersByIp.get(s.ip);
      if (set != null) {
        set.remove(peer);
        if (set.isEmpty()) {
          peersByIp.remove(s.ip);
        }
      }
      s.ip = null;
    }
    if (score(peer) > 0) {
      peers.remove(peer);
      return;
    }
    for (Map.Entry<String, TopicStats> e : s.topics.entrySet()) {
      if (e.getValue().inMesh) {
        leaveMesh(e.getValue(), params.topics().get(e.getKey()));
      }
      e.getValue().firstMessageDeliveries = 0; // no credit for a peer that left
    }
    s.connected = false;
    s.expireAt = clock.getAsLong() + params.retainScore().toMillis();
  }

  public void graft(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null) {
      t.inMesh = true;
      t.graftTime = clock.getAsLong();
      t.meshMessageDeliveries = 0;
    }
  }

  public void prune(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null && t.inMesh) {
      leaveMesh(t, params.topics().get(topic));
    }
  }

  private void leaveMesh(TopicStats t, TopicScoreParams p) {
    double deficit = p.meshMessageDeliveriesThreshold() - t.meshMessageDeliveries;
    if (p.meshMessageDeliveriesWeight() != 0 && active(t, p) && deficit > 0) {
      t.meshFailurePenalty += deficit * deficit;
    }
    t.inMesh = false;
  }

  private boolean active(TopicStats t, TopicScoreParams p) {
    return t.inMesh && clock.getAsLong() - t.graftTime >= p.meshMessageDeliveriesActivation().toMillis();
  }

  /** P7: adds {@code count} to the peer's behaviour penalty (graft during backoff, broken IWANT promise). */
  public void addPenalty(PeerId peer, int count) {
    PeerStats s = peers.get(peer);
    if (s != null) {
      s.behaviourPenalty += count;
    }
  }

  // ------------------------------------------------------------------------------ messages

  /** A message was seen for the first time and goes to validation. */
  public void validateMessage(MessageId id) {
    deliveries.putIfAbsent(id, new DeliveryRecord(clock.getAsLong()));
  }

  /** The message {@code from} sent first was accepted: credit it (P2, P3) and every peer that sent it during validation (P3). */
  public void deliverMessage(PeerId from, MessageId id, String topic) {
    markFirstDelivery(from, topic);
    DeliveryRecord r = deliveries.computeIfAbsent(id, k -> new DeliveryRecord(clock.getAsLong()));
    if (r.status != DeliveryStatus.UNKNOWN) {
      return;
    }
    r.status = DeliveryStatus.VALID;
    r.validated = clock.getAsLong();
    for (PeerId p : r.peers) {
      if (!p.equals(from)) {
        markDuplicateDelivery(p, topic, 0);
      }
    }
  }

  /** A message failed before it had an id or a record (wrong signature policy, id function failed): P4 for the sender. */
  public void rejectInvalidMessage(PeerId from, String topic) {
    markInvalidDelivery(from, topic);
  }

  /** The validator ignored the message: nobody is credited or penalised. */
  public void ignoreMessage(MessageId id) {
    DeliveryRecord r = deliveries.get(id);
    if (r != null && r.status == DeliveryStatus.UNKNOWN) {
      r.status = DeliveryStatus.IGNORED;
      r.peers.clear();
    }
  }

  /** The validator rejected the message: P4 for the sender and every peer that sent it during validation. */
  public void rejectMessage(PeerId from, MessageId id, String topic) {
    DeliveryRecord r = deliveries.computeIfAbsent(id, k -> new DeliveryRecord(clock.getAsLong()));
    if (r.status != DeliveryStatus.UNKNOWN) {
      return;
    }
    r.status = DeliveryStatus.INVALID;
    markInvalidDelivery(from, topic);
    for (PeerId p : r.peers) {
      if (!p.equals(from)) {
        markInvalidDelivery(p, topic);
      }
    }
    r.peers.clear();
  }

  /** {@code from} sent a message we had seen already. */
  public void duplicateMessage(PeerId from, MessageId id, String topic) {
    DeliveryRecord r = deliveries.get(id);
    if (r == null || !r.peers.add(from)) {
      return;
    }
    switch (r.status) {
      case UNKNOWN -> { } // credited or penalised when validation ends
      case VALID -> markDuplicateDelivery(from, topic, r.validated);
      case INVALID -> markInvalidDelivery(from, topic);
      case IGNORED -> r.peers.remove(from);
    }
  }

  private void markFirstDelivery(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t == null) {
      return;
    }
    TopicScoreParams p = params.topics().get(topic);
    t.firstMessageDeliveries = Math.min(t.firstMessageDeliveries + 1, p.firstMessageDeliveriesCap());
    if (t.inMesh) {
      t.meshMessageDeliveries = Math.min(t.meshMessageDeliveries + 1, p.meshMessageDeliveriesCap());
    }
  }

  /** A near-first delivery in the mesh counts for P3 when within the window after validation (0: during validation). */
  private void markDuplicateDelivery(PeerId peer, String topic, long validatedAt) {
    TopicStats t = topicStats(peer, topic);
    if (t == null || !t.inMesh) {
      return;
    }
    TopicScoreParams p = params.topics().get(topic);
    if (validatedAt != 0 && clock.getAsLong() > validatedAt + p.meshMessageDeliveriesWindow().toMillis()) {
      return;
    }
    t.meshMessageDeliveries = Math.min(t.meshMessageDeliveries + 1, p.meshMessageDeliveriesCap());
  }

  private void markInvalidDelivery(PeerId peer, String topic) {
    TopicStats t = topicStats(peer, topic);
    if (t != null) {
      t.invalidMessageDeliveries += 1;
    }
  }

  private TopicStats topicStats(PeerId peer, String topic) {
    PeerStats s = peers.get(peer);
    if (s == null || !params.topics().containsKey(topic)) {
      return null;
    }
    return s.topics.computeIfAbsent(topic, k -> new TopicStats());
  }

  // ------------------------------------------------------------------------------ score

  /** The peer's score now (0 for an unknown peer). */
  public double score(PeerId peer) {
    PeerStats s = peers.get(peer);
    if (s == null) {
      return 0;
    }
    long now = clock.getAsLong();
    double topicsScore = 0;
    for (Map.Entry<String, TopicStats> e : s.topics.entrySet()) {
      TopicScoreParams p = params.topics().get(e.getKey());
      TopicStats t = e.getValue();
      double ts = 0;
      if (t.inMesh) { // P1
        double quanta = (double) (now - t.graftTime) / p.timeInMeshQuantum().toMillis();
        ts += Math.min(quanta, p.timeInMeshCap()) * p.timeInMeshWeight();
      }
      ts += t.firstMessageDeliveries * p.firstMessageDeliveriesWeight(); // P2
      if (active(t, p) && t.meshMessageDeliveries < p.meshMessageDeliveriesThreshold()) { // P3
        double deficit = p.meshMessageDeliveriesThreshold() - t.meshMessageDeliveries;
        ts += deficit * deficit * p.meshMessageDeliveriesWeight();
      }
      ts += t.meshFailurePenalty * p.meshFailurePenaltyWeight(); // P3b
      ts += t.invalidMessageDeliveries * t.invalidMessageDeliveries * p.invalidMessageDeliveriesWeight(); // P4
      topicsScore += ts * p.topicWeight();
    }
    if (params.topicScoreCap() > 0 && topicsScore > params.topicScoreCap()) {
      topicsScore = params.topicScoreCap();
    }
    double score = topicsScore;
    score += params.appSpecificScore().applyAsDouble(peer) * params.appSpecificWeight(); // P5
    if (s.ip != null && params.ipColocationFactorWeight() != 0
        && !params.ipColocationFactorWhitelist().contains(s.ip)) { // P6
      int n = peersByIp.getOrDefault(s.ip, Set.of()).size();
      if (n > params.ipColocationFactorThreshold()) {
        double surplus = n - params.ipColocationFactorThreshold();
        score += surplus * surplus * params.ipColocationFactorWeight();
      }
    }
    if (s.behaviourPenalty > params.behaviourPenaltyThreshold()) { // P7
      double excess = s.behaviourPenalty - params.behaviourPenaltyThreshold();
      score += excess * excess * params.behaviourPenaltyWeight();
    }
    return score;
  }

  /**
   * Decays the counters once per elapsed {@code decayInterval}, forgets retained scores that
   * expired and delivery records older than two minutes. The router calls it every heartbeat.
   */
  public void refresh() {
    long now = clock.getAsLong();
    long interval = params.decayInterval().toMillis();
    while (now - lastDecay >= interval) {
      lastDecay += interval;
      decay();
    }
    for (Iterator<Map.Entry<PeerId, PeerStats>> it = peers.entrySet().iterator(); it.hasNext();) {
      PeerStats s = it.next().getValue();
      if (!s.connected && now >= s.expireAt) {
        it.remove();
      }
    }
    for (Iterator<DeliveryRecord> it = deliveries.values().iterator(); it.hasNext();) {
      if (now - it.next().firstSeen <= DELIVERY_RECORD_TTL_MS) {
        break; // insertion order is first-seen order
      }
      it.remove();
    }
  }

  private void decay() {
    double zero = params.decayToZero();
    for (PeerStats s : peers.values()) {
      for (Map.Entry<String, TopicStats> e : s.topics.entrySet()) {
        TopicScoreParams p = params.topics().get(e.getKey());
        TopicStats t = e.getValue();
        t.firstMessageDeliveries = decayed(t.firstMessageDeliveries, p.firstMessageDeliveriesDecay(), zero);
        t.meshMessageDeliveries = decayed(t.meshMessageDeliveries, p.meshMessageDeliveriesDecay(), zero);
        t.meshFailurePenalty = decayed(t.meshFailurePenalty, p.meshFailurePenaltyDecay(), zero);
        t.invalidMessageDeliveries = decayed(t.invalidMessageDeliveries, p.invalidMessageDeliveriesDecay(), zero);
      }
      s.behaviourPenalty = decayed(s.behaviourPenalty, params.behaviourPenaltyDecay(), zero);
    }
  }

  private static double decayed(double value, double decay, double zero) {
    double v = value * decay;
    return v < zero ? 0 : v;
  }

  /** Peers with stats (connected or retained), for tests and metrics. */
  public int trackedPeers() {
    return peers.size();
  }

  public int deliveryRecords() {
    return deliveries.size();
  }
}
