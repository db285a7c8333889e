package io.edvt.networking.reqresp;

/**
 * A token bucket that lends: {@link #reserve} takes the tokens at once, going into debt if needed,
 * and says how long until the debt is repaid, which is how long the caller withholds its answer
 * (the spec's "withholding each chunk until capacity is available"). A cost above the capacity is
 * charged as the capacity, so one large request waits at most one full refill. Not thread safe;
 * {@link RateLimiter} serialises access per peer.
 */
final class TokenBucket {
  private final RateLimit limit;
  private double tokens;
  private long lastNanos;

  TokenBucket(RateLimit limit, long nowNanos) {
    this.limit = limit;
    this.tokens = limit.capacity();
    this.lastNanos = nowNanos;
  }

  /**
   * Takes {@code cost} tokens.
   *
   * @return nanoseconds until the balance is non-negative again (0 when it did not go negative)
   */
  long reserve(long cost, long nowNanos) {
    refill(nowNanos);
    tokens -= Math.min(cost, limit.capacity());
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / limit.tokensPerSecond() * 1e9);
  }

  /** Gives back tokens of a reservation that was refused after all. */
  void refund(long cost) {
    tokens = Math.min(limit.capacity(), tokens + Math.min(cost, limit.capacity()));
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(limit.capacity(), tokens + elapsed * limit.tokensPerSecond() / 1e9);
      lastNanos = nowNanos;
    }
  }
}
