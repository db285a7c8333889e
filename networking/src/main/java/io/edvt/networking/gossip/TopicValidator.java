package io.edvt.networking.gossip;

import java.util.concurrent.CompletableFuture;

/**
 * Validates a received message of one topic, asynchronously. Called on the router thread: it must
 * not block; do heavy work elsewhere and complete the future from any thread. A future that fails
 * counts as {@link ValidationResult#IGNORE}.
 */
@FunctionalInterface
public interface TopicValidator {
  TopicValidator ACCEPT_ALL = message -> CompletableFuture.completedFuture(ValidationResult.ACCEPT);

  CompletableFuture<ValidationResult> validate(GossipMessage message);
}
