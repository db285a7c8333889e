package io.edvt.networking.reqresp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The req/resp limits, all in one place.
 *
 * @param maxPayloadSize {@code MAX_PAYLOAD_SIZE}: no request or chunk payload may exceed it
 * @param ttfbTimeout how long a requester waits for the first response byte (phase0's former
 *     {@code TTFB_TIMEOUT}, 5 s); the responder also gives a requester this long to send its request
 * @param respTimeout how long a requester waits for each further chunk (phase0's former
 *     {@code RESP_TIMEOUT}, 10 s)
 * @param maxConcurrentRequests {@code MAX_CONCURRENT_REQUESTS}: we queue our own requests beyond it
 *     per peer and protocol, and refuse a peer's beyond it
 * @param rateLimits token buckets per method ({@link RpcMethod#key()}), per peer
 * @param defaultRateLimit the bucket of a method without an entry
 * @param maxWithhold the longest a rate-limited answer is withheld before it is refused instead
 */
public record ReqRespConfig(
    long maxPayloadSize,
    Duration ttfbTimeout,
    Duration respTimeout,
    int maxConcurrentRequests,
    Map<String, RateLimit> rateLimits,
    RateLimit defaultRateLimit,
    Duration maxWithhold) {

  /** {@code MAX_PAYLOAD_SIZE} of the phase0..fulu configs: 10 MiB. */
  public static final long DEFAULT_MAX_PAYLOAD_SIZE = 10 * 1024 * 1024;

  public ReqRespConfig {
    Objects.requireNonNull(ttfbTimeout, "ttfbTimeout");
    Objects.requireNonNull(respTimeout, "respTimeout");
    rateLimits = Map.copyOf(rateLimits);
    Objects.requireNonNull(defaultRateLimit, "defaultRateLimit");
    Objects.requireNonNull(maxWithhold, "maxWithhold");
    if (maxPayloadSize <= 0 || maxConcurrentRequests <= 0) {
      throw new IllegalArgumentException("maxPayloadSize and maxConcurrentRequests must be positive");
    }
  }

  /** 10 MiB payloads, 5 s / 10 s timeouts, 2 concurrent requests, 100 tokens at 10/s, 2 s withholding. */
  public static ReqRespConfig defaults() {
    return new ReqRespConfig(DEFAULT_MAX_PAYLOAD_SIZE, Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Map.of(),
        new RateLimit(100, 10), Duration.ofSeconds(2));
  }

  public ReqRespConfig withRateLimits(Map<String, RateLimit> limits) {
    return new ReqRespConfig(maxPayloadSize, ttfbTimeout, respTimeout, maxConcurrentRequests, limits, defaultRateLimit,
        maxWithhold);
  }

  public ReqRespConfig withTimeouts(Duration ttfb, Duration resp) {
    return new ReqRespConfig(maxPayloadSize, ttfb, resp, maxConcurrentRequests, rateLimits, defaultRateLimit, maxWithhold);
  }

  public ReqRespConfig withMaxPayloadSize(long size) {
    return new ReqRespConfig(size, ttfbTimeout, respTimeout, maxConcurrentRequests, rateLimits, defaultRateLimit,
        maxWithhold);
  }

  public ReqRespConfig withDefaultRateLimit(RateLimit limit, Duration withhold) {
    return new ReqRespConfig(maxPayloadSize, ttfbTimeout, respTimeout, maxConcurrentRequests, rateLimits, limit, withhold);
  }
}
