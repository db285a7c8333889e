package io.edvt.networking.gossip.cache;

import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * IWANT promises (gossipsub v1.1, "Tracking IWANT promises"): when we ask a peer for messages it
 * advertised, it must deliver (one of them, tracked) within the follow-up time; a peer that does not
 * has broken a promise, which costs behaviour penalty (P7). Delivery by anyone, or an invalid
 * message, fulfils it: the peer did not lie about having it.
 */
public final class GossipPromises {
  private final long followUpMillis;
  private final LongSupplier clock;
  private final Map<MessageId, Map<PeerId, Long>> promises = new HashMap<>();

  public GossipPromises(long followUpMillis, LongSupplier clock) {
    this.followUpMillis = followUpMillis;
    this.clock = clock;
  }

  /** {@code peer} promised {@code id} (the one tracked of an IWANT). */
  public void add(PeerId peer, MessageId id) {
    promises.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(peer, clock.getAsLong() + followUpMillis);
  }

  /** The message arrived (from anyone) or was found invalid: its promises are kept. */
  public void fulfilled(MessageId id) {
    promises.remove(id);
  }

  /** Removes and counts the expired promises per peer. */
  public Map<PeerId, Integer> takeBroken() {
    long now = clock.getAsLong();
    Map<PeerId, Integer> broken = new HashMap<>();
    for (Iterator<Map<PeerId, Long>> it = promises.values().iterator(); it.hasNext();) {
      Map<PeerId, Long> byPeer = it.next();
      for (Iterator<Map.Entry<PeerId, Long>> pit = byPeer.entrySet().iterator(); pit.hasNext();) {
        Map.Entry<PeerId, Long> e = pit.next();
        if (e.getValue() < now) {
          broken.merge(e.getKey(), 1, Integer::sum);
          pit.remove();
        }
      }
      if (byPeer.isEmpty()) {
        it.remove();
      }
    }
    return broken;
  }

  public int size() {
    return promises.size();
  }
}
