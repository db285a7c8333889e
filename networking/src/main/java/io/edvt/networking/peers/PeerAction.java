package io.edvt.networking.peers;

/**
 * Misbehaviour the gossip and req/resp layers report, by severity (Lighthouse's scale): a fatal
 * act bans at once; the others lower the score by a fixed amount, which decays back over time.
 */
public enum PeerAction {
  /** Invalid block, invalid signature on a message it authored, a protocol violation. */
  FATAL(-100),
  /** Clearly wrong but possibly a bug: an invalid response, a rejected gossip message. */
  LOW_TOLERANCE(-10),
  /** Timeouts, useless responses. */
  MID_TOLERANCE(-5),
  /** Minor: a slow response, an ignored message. */
  HIGH_TOLERANCE(-1);

  private final double delta;

  PeerAction(double delta) {
    this.delta = delta;
  }

  public double delta() {
    return delta;
  }
}
