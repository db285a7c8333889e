package io.edvt.networking.gossip.router;

import io.netty.buffer.ByteBuf;

/** Sends length-prefixed RPC frames to one peer over its outbound gossip stream; bounded, may drop. */
public interface PeerSender {
  /** Queues one frame (takes ownership); returns false when it was dropped because the queue is full. */
  boolean send(ByteBuf frame);
}
