package io.edvt.networking.gossip;

import io.edvt.networking.transport.crypto.PeerId;

/**
 * Router events for metrics, logs and tests; every method defaults to nothing. Called on the router
 * thread: return quickly.
 */
public interface GossipTracer {
  GossipTracer NONE = new GossipTracer() {};

  /** A GRAFT or PRUNE for {@code topic} was received ({@code received}) or sent. */
  default void graft(PeerId peer, String topic, boolean received) {}

  default void prune(PeerId peer, String topic, boolean received) {}

  /** An IHAVE / IWANT / IDONTWANT with {@code ids} message ids was received ({@code received}) or sent. */
  default void ihave(PeerId peer, int ids, boolean received) {}

  default void iwant(PeerId peer, int ids, boolean received) {}

  default void idontwant(PeerId peer, int ids, boolean received) {}

  /** A message was delivered to our subscribers (validated and accepted). */
  default void delivered(GossipMessage message) {}

  /** A received message was a duplicate of one seen before. */
  default void duplicate(PeerId from, MessageId id) {}

  /** A received message was rejected ({@code reason}) or ignored. */
  default void rejected(PeerId from, String topic, ValidationResult result, String reason) {}

  /** A frame to {@code peer} was dropped because its outbound queue was full. */
  default void dropped(PeerId peer, int bytes) {}
}
