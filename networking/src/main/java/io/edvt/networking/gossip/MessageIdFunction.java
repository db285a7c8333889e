package io.edvt.networking.gossip;

/**
 * Computes a message's id from its topic and data (StrictNoSign messages have nothing else). The
 * eth2 layer passes {@link Eth2MessageId}; it must be deterministic and identical on every peer.
 * Called on the router thread; an exception rejects the message as invalid.
 */
@FunctionalInterface
public interface MessageIdFunction {
  MessageId apply(String topic, byte[] data);
}
