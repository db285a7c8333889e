package io.edvt.networking.gossip.scoring;

/**
 * Score thresholds (gossipsub v1.1): below {@code gossipThreshold} no gossip is exchanged with a
 * peer; below {@code publishThreshold} our own messages are not flood-published to it; below
 * {@code graylistThreshold} its RPCs are ignored; PX from a peer is accepted only at
 * {@code acceptPXThreshold} or above; a mesh whose median score is below
 * {@code opportunisticGraftThreshold} grafts better peers.
 */
public record PeerScoreThresholds(double gossipThreshold, double publishThreshold, double graylistThreshold,
    double acceptPXThreshold, double opportunisticGraftThreshold) {
  public PeerScoreThresholds {
    TopicScoreParams.check(gossipThreshold <= 0, "gossipThreshold must be <= 0");
    TopicScoreParams.check(publishThreshold <= gossipThreshold, "publishThreshold must be <= gossipThreshold");
    TopicScoreParams.check(graylistThreshold <= publishThreshold, "graylistThreshold must be <= publishThreshold");
    TopicScoreParams.check(acceptPXThreshold >= 0, "acceptPXThreshold must be >= 0");
    TopicScoreParams.check(opportunisticGraftThreshold >= 0, "opportunisticGraftThreshold must be >= 0");
  }

  /** The values the consensus clients use (Lighthouse, Teku, Lodestar): -4000 / -8000 / -16000, PX at 100, graft at 5. */
  public static final PeerScoreThresholds ETH2 = new PeerScoreThresholds(-4000, -8000, -16000, 100, 5);
}
