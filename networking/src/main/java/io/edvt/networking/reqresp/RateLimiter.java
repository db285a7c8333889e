package io.edvt.networking.reqresp;

import io.edvt.networking.transport.crypto.PeerId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-peer, per-method token buckets ({@link TokenBucket}) for the responder. A request whose
 * tokens come back within {@code maxWithholdNanos} is answered after that delay; a request that
 * would wait longer is refused ({@link ResponseCode#RATE_LIMITED}) and its tokens are given back.
 * Forget a peer with {@link #forget} when it disconnects.
 */
public final class RateLimiter {
  private final Map<String, RateLimit> limits;
  private final RateLimit defaultLimit;
  private final long maxWithholdNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<PeerId, Map<String, TokenBucket>> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Map<String, RateLimit> limits, RateLimit defaultLimit, long maxWithholdNanos, LongSupplier clock) {
    this.limits = Map.copyOf(limits);
    this.defaultLimit = defaultLimit;
    this.maxWithholdNanos = maxWithholdNanos;
    this.clock = clock;
  }

  /**
   * Charges {@code cost} tokens of method {@code key} to {@code peer}.
   *
   * @return the delay in nanoseconds before answering, or -1 when the request must be refused
   */
  public long acquire(PeerId peer, String key, long cost) {
    Map<String, TokenBucket> perPeer = buckets.computeIfAbsent(peer, p -> new HashMap<>());
    synchronized (perPeer) {
      long now = clock.getAsLong();
      TokenBucket bucket = perPeer.computeIfAbsent(key, k -> new TokenBucket(limits.getOrDefault(k, defaultLimit), now));
      long delay = bucket.reserve(cost, now);
      if (delay > maxWithholdNanos) {
        bucket.refund(cost);
        return -1;
      }
      return delay;
    }
  }

  /** Drops a peer's buckets. */
  public void forget(PeerId peer) {
    buckets.remove(peer);
  }

  /** Peers with buckets (for tests). */
  int trackedPeers() {
    return buckets.size();
  }
}
