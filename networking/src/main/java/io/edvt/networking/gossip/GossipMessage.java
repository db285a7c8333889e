package io.edvt.networking.gossip;

import io.edvt.networking.transport.crypto.PeerId;

/**
 * A message of a topic, as validators and subscribers see it.
 *
 * @param topic the topic string
 * @param data the payload (not a copy: do not change it)
 * @param id its id, from the router's {@link MessageIdFunction}
 * @param from the peer it came from first (its propagation source), or our own id when we published it
 */
public record GossipMessage(String topic, byte[] data, MessageId id, PeerId from) {
  @Override
  public String toString() {
    return "GossipMessage[" + topic + ", " + data.length + " bytes, id " + id + ", from " + from + "]";
  }
}
