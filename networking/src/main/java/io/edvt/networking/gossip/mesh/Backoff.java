package io.edvt.networking.gossip.mesh;

import io.edvt.networking.transport.crypto.PeerId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * PRUNE backoffs (gossipsub v1.1): after a PRUNE, in either direction, neither side may GRAFT the
 * other in that topic until the backoff expires. Times are milliseconds of the router's clock.
 */
public final class Backoff {
  private final Map<String, Map<PeerId, Long>> expiry = new HashMap<>();

  /** Sets the backoff to {@code until}, unless a later one is set already. */
  public void set(String topic, PeerId peer, long until) {
    expiry.computeIfAbsent(topic, t -> new HashMap<>()).merge(peer, until, Math::max);
  }

  /** Whether a backoff is in force at {@code now} ({@code slack} added, as the spec advises for our own GRAFTs). */
  public boolean active(String topic, PeerId peer, long now, long slack) {
    Map<PeerId, Long> m = expiry.get(topic);
    Long until = m == null ? null : m.get(peer);
    return until != null && now < until + slack;
  }

  /** When the backoff ends, or 0 when none is set. */
  public long until(String topic, PeerId peer) {
    Map<PeerId, Long> m = expiry.get(topic);
    Long until = m == null ? null : m.get(peer);
    return until == null ? 0 : until;
  }

  /** Forgets the backoffs that ended before {@code now - slack}. */
  public void expire(long now, long slack) {
    for (Iterator<Map<PeerId, Long>> it = expiry.values().iterator(); it.hasNext();) {
      Map<PeerId, Long> m = it.next();
      m.values().removeIf(until -> until + slack < now);
      if (m.isEmpty()) {
        it.remove();
      }
    }
  }
}
