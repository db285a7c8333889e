package io.edvt.networking.peers;

import io.edvt.networking.transport.api.Direction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PeerMetrics} that keeps plain counters and gauges the node can export as they are:
 * connected peers by direction and transport (gauge), discovery queries, dial attempts and
 * failures, bans and goodbyes by reason (counters).
 */
public final class PeerCounters implements PeerMetrics {
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

  private AtomicLong v(String name) {
    return values.computeIfAbsent(name, n -> new AtomicLong());
  }

  @Override
  public void peerConnected(Direction direction, String transport) {
    v("peers_connected{direction=" + direction.name().toLowerCase() + ",transport=" + transport + "}").incrementAndGet();
  }

  @Override
  public void peerDisconnected(Direction direction, String transport) {
    v("peers_connected{direction=" + direction.name().toLowerCase() + ",transport=" + transport + "}").decrementAndGet();
  }

  @Override
  public void discoveryQuery() {
    v("discovery_queries_total").incrementAndGet();
  }

  @Override
  public void dialAttempt(boolean success) {
    v(success ? "peer_dials_total{result=ok}" : "peer_dials_total{result=failed}").incrementAndGet();
  }

  @Override
  public void peerBanned(String reason) {
    v("peer_bans_total").incrementAndGet();
  }

  @Override
  public void goodbyeSent(GoodbyeReason reason) {
    v("peer_goodbyes_total{reason=" + reason.name().toLowerCase() + "}").incrementAndGet();
  }

  /** The value of a metric by its name with labels (0 if never touched). */
  public long get(String name) {
    AtomicLong a = values.get(name);
    return a == null ? 0 : a.get();
  }

  /** Every metric, name with labels to value. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new java.util.TreeMap<>();
    values.forEach((k, a) -> out.put(k, a.get()));
    return out;
  }
}
