package io.edvt.node.network;

import io.edvt.networking.gossip.ValidationResult;

/** Told of every gossip message's validation verdict, by topic name (the metrics count them). */
@FunctionalInterface
public interface GossipVerdicts {
  GossipVerdicts NONE = (topic, result) -> {};

  /**
   * One message of topic {@code topicName} (as {@code beacon_block}, {@code beacon_attestation}:
   * the name without fork digest, subnet and encoding, so the subnets of a topic count together)
   * got {@code result}. Called on whatever thread
   * completed the validation; must not block.
   */
  void validated(String topicName, ValidationResult result);
}
