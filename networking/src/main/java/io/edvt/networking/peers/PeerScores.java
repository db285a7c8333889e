package io.edvt.networking.peers;

import io.edvt.networking.transport.crypto.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-peer scores from reported behaviour ({@link PeerAction}) plus the gossipsub router's score.
 * Our own part lies in [-100, 100] and decays toward 0 with a half-life of {@link #HALF_LIFE}, so a
 * peer that behaves recovers; the gossip score counts when negative, weighted by
 * {@link #GOSSIP_WEIGHT}. Below {@link #DISCONNECT_THRESHOLD} a peer is disconnected, below
 * {@link #BAN_THRESHOLD} banned. Not thread safe (the peer manager's thread owns it).
 */
public final class PeerScores {
  public static final Duration HALF_LIFE = Duration.ofMinutes(10);
  public static final double DISCONNECT_THRESHOLD = -20;
  public static final double BAN_THRESHOLD = -50;
  public static final double GOSSIP_WEIGHT = 0.5;

  private static final class Entry {
    double score;
    double gossip;
    Instant updated;
  }

  private final Map<PeerId, Entry> entries = new HashMap<>();

  private Entry entry(PeerId peer, Instant now) {
    Entry e = entries.computeIfAbsent(peer, p -> {
      Entry n = new Entry();
      n.updated = now;
      return n;
    });
    decay(e, now);
    return e;
  }

  private static void decay(Entry e, Instant now) {
    long millis = Duration.between(e.updated, now).toMillis();
    if (millis > 0) {
      e.score *= Math.pow(0.5, millis / (double) HALF_LIFE.toMillis());
      e.updated = now;
    }
  }

  public void apply(PeerId peer, PeerAction action, Instant now) {
    Entry e = entry(peer, now);
    e.score = Math.max(-100, Math.min(100, e.score + action.delta()));
  }

  public void gossipScore(PeerId peer, double score, Instant now) {
    entry(peer, now).gossip = score;
  }

  /** Our part plus the weighted negative gossip score. */
  public double score(PeerId peer, Instant now) {
    Entry e = entries.get(peer);
    if (e == null) {
      return 0;
    }
    decay(e, now);
    return e.score + (e.gossip < 0 ? GOSSIP_WEIGHT * Math.max(-100, e.gossip) : 0);
  }

  /** Forgets peers whose score decayed to about zero and that are not connected. */
  public void prune(java.util.Set<PeerId> connected, Instant now) {
    entries.entrySet().removeIf(en -> {
      decay(en.getValue(), now);
      return !connected.contains(en.getKey()) && Math.abs(en.getValue().score) < 0.5;
    });
  }

  public int size() {
    return entries.size();
  }
}
