package io.edvt.networking.transport.mplex;

import io.netty.buffer.ByteBuf;

/**
 * One mplex message: {@code uvarint(streamId << 3 | flag)}, {@code uvarint(length)}, data.
 * "Initiator" flags are sent by the side that opened the stream, "receiver" flags by the other.
 */
public record MplexFrame(long streamId, int flag, ByteBuf data) {
  public static final int NEW_STREAM = 0;
  public static final int MESSAGE_RECEIVER = 1;
  public static final int MESSAGE_INITIATOR = 2;
  public static final int CLOSE_RECEIVER = 3;
  public static final int CLOSE_INITIATOR = 4;
  public static final int RESET_RECEIVER = 5;
  public static final int RESET_INITIATOR = 6;

  /** Whether the sender of this frame opened the stream. */
  public boolean fromInitiator() {
    return flag == NEW_STREAM || flag == MESSAGE_INITIATOR || flag == CLOSE_INITIATOR || flag == RESET_INITIATOR;
  }
}
