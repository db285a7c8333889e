package io.edvt.networking.transport.mplex;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.mux.MuxedStream;
import io.netty.buffer.ByteBuf;

/**
 * An mplex stream. mplex has no flow control: we send while the channel is writable, and a paused
 * reader buffers up to {@link #MAX_BUFFERED} bytes before the stream is reset (js-libp2p's bound).
 */
final class MplexStream extends MuxedStream {
  /** Largest message we send (well under the 1 MiB limit; keeps streams interleaved fairly). */
  static final int MAX_FRAME = 64 * 1024;
  static final long MAX_BUFFERED = 4 << 20;

  private final MplexSession mplex;

  MplexStream(MplexSession session, long id, Direction direction) {
    super(session, id, direction);
    this.mplex = session;
  }

  private boolean weOpened() {
    return direction() == Direction.OUTBOUND;
  }

  void deliver(ByteBuf data) {
    onRemoteData(data);
  }

  void remoteReset() {
    onRemoteReset();
  }

  void remoteClose() {
    onRemoteClose();
  }

  @Override
  protected long sendCapacity() {
    return session.isChannelWritable() ? Long.MAX_VALUE : 0;
  }

  @Override
  protected int maxFrame() {
    return MAX_FRAME;
  }

  @Override
  protected void sendData(ByteBuf chunk) {
    mplex.writeFrame(id(), weOpened() ? MplexFrame.MESSAGE_INITIATOR : MplexFrame.MESSAGE_RECEIVER, chunk);
  }

  @Override
  protected void sendClose() {
    mplex.writeFrame(id(), weOpened() ? MplexFrame.CLOSE_INITIATOR : MplexFrame.CLOSE_RECEIVER, null);
  }

  @Override
  protected void sendReset() {
    mplex.writeFrame(id(), weOpened() ? MplexFrame.RESET_INITIATOR : MplexFrame.RESET_RECEIVER, null);
  }

  @Override
  protected void consumed(int bytes) {}

  @Override
  protected boolean inboundOverLimit(long queuedBytes) {
    return queuedBytes > MAX_BUFFERED;
  }
}
