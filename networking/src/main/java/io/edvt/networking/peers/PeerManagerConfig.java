package io.edvt.networking.peers;

import java.time.Duration;

/**
 * Peer counts and timings.
 *
 * @param targetPeers peers we dial up to and prune back to
 * @param maxPeers beyond this, new connections get Goodbye(too many peers); between target and max
 *     we only dial peers that serve a subnet we lack
 * @param statusTimeout a new peer must complete the status exchange within this
 * @param heartbeat how often we check scores, bans, counts and subnets
 * @param searchInterval at most one discovery search this often
 * @param maxConcurrentDials dials in flight at once
 * @param dialBackoff after a failed dial (or an irrelevant peer) we do not redial the peer for this long
 * @param banDuration how long a peer below the ban threshold (or with a fatal act) stays banned
 * @param preferQuic dial a peer's QUIC address first when its ENR has one (TCP is the fallback)
 * @param pruneAllowance peers above the target tolerated before pruning back to it; -1 for 10 % of
 *     the target (at least one): Lighthouse's target with slack. Teku's flags mean a range instead
 *     (dial up to the lower bound, drop only above the upper), which is an allowance of upper - lower
 */
public record PeerManagerConfig(int targetPeers, int maxPeers, Duration statusTimeout, Duration heartbeat,
    Duration searchInterval, int maxConcurrentDials, Duration dialBackoff, Duration banDuration, boolean preferQuic,
    int pruneAllowance) {

  public PeerManagerConfig {
    if (targetPeers < 0 || maxPeers < targetPeers) {
      throw new IllegalArgumentException("need 0 <= targetPeers <= maxPeers, got " + targetPeers + ", " + maxPeers);
    }
    if (pruneAllowance < -1) {
      throw new IllegalArgumentException("pruneAllowance must be -1 (10 % of the target) or more, got " + pruneAllowance);
    }
  }

  /** 64 target, 80 max, 10 s for status, a 1 s heartbeat, a search at most every 5 s, 8 dials at once. */
  public static PeerManagerConfig defaults() {
    return new PeerManagerConfig(64, 80, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), 8,
        Duration.ofSeconds(60), Duration.ofMinutes(30), true, -1);
  }

  public PeerManagerConfig withPeers(int target, int max) {
    return new PeerManagerConfig(target, max, statusTimeout, heartbeat, searchInterval, maxConcurrentDials, dialBackoff,
        banDuration, preferQuic, pruneAllowance);
  }

  public PeerManagerConfig withStatusTimeout(Duration d) {
    return new PeerManagerConfig(targetPeers, maxPeers, d, heartbeat, searchInterval, maxConcurrentDials, dialBackoff,
        banDuration, preferQuic, pruneAllowance);
  }

  public PeerManagerConfig withTimings(Duration heartbeatEvery, Duration searchEvery, Duration backoff) {
    return new PeerManagerConfig(targetPeers, maxPeers, statusTimeout, heartbeatEvery, searchEvery, maxConcurrentDials,
        backoff, banDuration, preferQuic, pruneAllowance);
  }

  public PeerManagerConfig withPreferQuic(boolean quic) {
    return new PeerManagerConfig(targetPeers, maxPeers, statusTimeout, heartbeat, searchInterval, maxConcurrentDials,
        dialBackoff, banDuration, quic, pruneAllowance);
  }

  /** Peers between the target and {@code target + allowance} are kept (Teku's range: {@code upper - lower}). */
  public PeerManagerConfig withPruneAllowance(int allowance) {
    return new PeerManagerConfig(targetPeers, maxPeers, statusTimeout, heartbeat, searchInterval, maxConcurrentDials,
        dialBackoff, banDuration, preferQuic, allowance);
  }
}
