package io.edvt.node.network;

import java.time.Duration;

/**
 * How often the node checks on connected peers.
 *
 * @param ping how often each peer is pinged (its MetaData sequence number); Lighthouse's default
 *     for outbound peers is 15 s
 * @param status how often Status is exchanged again with each peer; Lighthouse's default is
 *     300 s ({@code DEFAULT_STATUS_INTERVAL})
 * @param requestTimeout how long a ping, metadata or status request may take
 */
public record PeerUpkeepIntervals(Duration ping, Duration status, Duration requestTimeout) {
  public PeerUpkeepIntervals {
    if (ping.isNegative() || ping.isZero() || status.isNegative() || status.isZero() || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("peer upkeep intervals must be positive, got ping " + ping + ", status "
          + status + ", request timeout " + requestTimeout);
    }
  }

  /** Ping every 15 s, Status every 5 min, 10 s per request. */
  public static PeerUpkeepIntervals defaults() {
    return new PeerUpkeepIntervals(Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(10));
  }
}
