package io.edvt.networking.discovery;

/** What discovery counts; the node exports it (plain counters, no metrics library here). */
public interface DiscoveryMetrics {
  DiscoveryMetrics NONE = new DiscoveryMetrics() {};

  /** A peer search (random lookup) started. */
  default void queryStarted() {}

  /** A record found by a search or in the table was refused (malformed field, bad signature). */
  default void recordRejected(String reason) {}

  /** Candidates a search returned (after filtering). */
  default void candidatesFound(int count) {}

  /** discv5 was restarted because no node had been live for a while (its bootnodes did not answer). */
  default void restarted() {}
}
