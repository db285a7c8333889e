package io.edvt.networking.peers;

import io.edvt.networking.transport.crypto.PeerId;

/** Where gossip and req/resp report peer behaviour (the peer manager implements it). Thread safe. */
public interface PeerReports {
  /** A misbehaviour with a reason for the log. */
  void report(PeerId peer, PeerAction action, String reason);

  /** The gossipsub router's current score of the peer (its own scoring; negative is bad). */
  void gossipScore(PeerId peer, double score);
}
