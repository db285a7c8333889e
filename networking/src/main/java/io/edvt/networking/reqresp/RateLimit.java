package io.edvt.networking.reqresp;

/**
 * A token bucket's shape: at most {@code capacity} tokens, refilled at {@code tokensPerSecond}.
 * A request takes its method's cost in tokens ({@link RpcMethod#cost}: one, or the number of
 * blocks or sidecars it asks for).
 */
public record RateLimit(long capacity, double tokensPerSecond) {
  public RateLimit {
    if (capacity <= 0 || !(tokensPerSecond > 0)) {
      throw new IllegalArgumentException("capacity and rate must be positive: " + capacity + ", " + tokensPerSecond);
    }
  }
}
