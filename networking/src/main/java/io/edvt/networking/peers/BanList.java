package io.edvt.networking.peers;

import io.edvt.networking.transport.crypto.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peers we refuse until a time, with the reason. Read from any thread (the connection gate),
 * written by the peer manager. A later ban of the same peer extends it, never shortens it. The
 * list is bounded: beyond {@link #MAX_ENTRIES} the ban that ends first is dropped.
 */
public final class BanList {
  public static final int MAX_ENTRIES = 10_000;

  public record Ban(PeerId peer, Instant until, String reason) {}

  private final Map<PeerId, Ban> bans = new ConcurrentHashMap<>();

  public void ban(PeerId peer, Duration duration, String reason, Instant now) {
    Instant until = now.plus(duration);
    bans.merge(peer, new Ban(peer, until, reason), (old, neu) -> old.until().isAfter(neu.until()) ? old : neu);
    if (bans.size() > MAX_ENTRIES) {
      bans.values().stream().min(java.util.Comparator.comparing(Ban::until)).ifPresent(b -> bans.remove(b.peer()));
    }
  }

  /** The ban in force, or null. */
  public Ban banOf(PeerId peer, Instant now) {
    Ban b = bans.get(peer);
    return b != null && b.until().isAfter(now) ? b : null;
  }

  public boolean isBanned(PeerId peer, Instant now) {
    return banOf(peer, now) != null;
  }

  /** Removes bans that ended; returns them. */
  public List<Ban> expire(Instant now) {
    List<Ban> ended = new ArrayList<>();
    bans.values().removeIf(b -> {
      if (!b.until().isAfter(now)) {
        ended.add(b);
        return true;
      }
      return false;
    });
    return ended;
  }

  public int size() {
    return bans.size();
  }
}
