package io.edvt.networking.peers;

import io.edvt.networking.transport.api.Direction;

/** What the peer manager counts; the node exports it. Plain callbacks, no metrics library here. */
public interface PeerMetrics {
  PeerMetrics NONE = new PeerMetrics() {};

  /** {@code transport} is {@code tcp} or {@code quic}. */
  default void peerConnected(Direction direction, String transport) {}

  default void peerDisconnected(Direction direction, String transport) {}

  default void discoveryQuery() {}

  default void dialAttempt(boolean success) {}

  default void peerBanned(String reason) {}

  default void goodbyeSent(GoodbyeReason reason) {}
}
