package io.edvt.networking.transport.api;

import io.netty.buffer.ByteBuf;

/**
 * Receives the events of one stream, on the connection's event loop (never block in them). One
 * instance per stream: {@link ProtocolRegistry} makes one for every inbound stream, the opener
 * passes one to {@link Connection#openStream}.
 */
public interface StreamHandler {
  /** The protocol is agreed and the stream is usable. Called once, before any {@link #onData}. */
  default void onActive(Stream stream) {}

  /** Bytes from the remote; the handler owns {@code data} and must release it. */
  void onData(Stream stream, ByteBuf data);

  /** The remote closed its side: no more {@link #onData}. We may still write. */
  default void onRemoteClosed(Stream stream) {}

  /** {@link Stream#isWritable()} changed. */
  default void onWritabilityChanged(Stream stream) {}

  /**
   * The stream is over (called once, last): both sides closed ({@code cause} null), or it was
   * reset by either side or lost with its connection ({@code cause} says which).
   */
  default void onClosed(Stream stream, StreamClosedException cause) {}
}
