package io.edvt.networking.gossip.cache;

import io.edvt.networking.gossip.MessageId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Ids of messages seen in the last {@code ttl} milliseconds (eth2: two epochs), so that a message
 * is validated and delivered once however many peers send it. Entries expire in insertion order;
 * a hard bound on the size keeps a flood of distinct messages from exhausting memory (the oldest
 * entries go first).
 */
public final class SeenCache {
  private final long ttlMillis;
  private final int maxEntries;
  private final LongSupplier clock;
  private final LinkedHashMap<MessageId, Long> seen = new LinkedHashMap<>();

  public SeenCache(long ttlMillis, int maxEntries, LongSupplier clock) {
    this.ttlMillis = ttlMillis;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** Records {@code id}; false when it was seen already (and has not expired). */
  public boolean add(MessageId id) {
    if (seen.containsKey(id)) {
      return false;
    }
    seen.put(id, clock.getAsLong());
    if (seen.size() > maxEntries) {
      Iterator<MessageId> it = seen.keySet().iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  public boolean contains(MessageId id) {
    return seen.containsKey(id);
  }

  /** Forgets the ids older than the ttl. */
  public void expire() {
    long cutoff = clock.getAsLong() - ttlMillis;
    for (Iterator<Map.Entry<MessageId, Long>> it = seen.entrySet().iterator(); it.hasNext();) {
      if (it.next().getValue() > cutoff) {
        break;
      }
      it.remove();
    }
  }

  public int size() {
    return seen.size();
  }
}
