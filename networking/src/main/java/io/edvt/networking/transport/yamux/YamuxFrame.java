package io.edvt.networking.transport.yamux;

import io.netty.buffer.ByteBuf;

/**
 * One yamux frame: the 12-byte header (version 0, type, flags, stream id, length) and, for data
 * frames, the payload. {@code length} is the payload size (data), the window delta (window
 * update), the opaque value (ping) or the error code (go-away).
 */
public record YamuxFrame(int type, int flags, int streamId, long length, ByteBuf data) {
  public static final int HEADER_LENGTH = 12;
  public static final int VERSION = 0;

  public static final int TYPE_DATA = 0;
  public static final int TYPE_WINDOW_UPDATE = 1;
  public static final int TYPE_PING = 2;
  public static final int TYPE_GO_AWAY = 3;

  public static final int FLAG_SYN = 1;
  public static final int FLAG_ACK = 2;
  public static final int FLAG_FIN = 4;
  public static final int FLAG_RST = 8;

  public static final int GO_AWAY_NORMAL = 0;
  public static final int GO_AWAY_PROTOCOL_ERROR = 1;
  public static final int GO_AWAY_INTERNAL_ERROR = 2;

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** Writes a header; the payload (if any) follows as its own buffer. */
  public static void writeHeader(ByteBuf out, int type, int flags, int streamId, long length) {
    out.writeByte(VERSION);
    out.writeByte(type);
    out.writeShort(flags);
    out.writeInt(streamId);
    out.writeInt((int) length);
  }

  @Override
  public String toString() {
    return "YamuxFrame[type=" + type + " flags=" + flags + " stream=" + streamId + " length=" + length + "]";
  }
}
