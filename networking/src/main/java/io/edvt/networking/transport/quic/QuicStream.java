package io.edvt.networking.transport.quic;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.mux.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.incubator.codec.quic.DefaultQuicStreamFrame;
import io.netty.incubator.codec.quic.QuicStreamChannel;

/**
 * A native QUIC stream behind the same {@link io.edvt.networking.transport.api.Stream} API as a
 * yamux or mplex stream: data go to the stream channel while it is writable (QUIC's flow control
 * and congestion window decide when they leave), the half-close is a FIN frame in order with the data, a reset
 * is RESET_STREAM plus STOP_SENDING, and a paused reader stops reading from the QUIC stack, which
 * then stops crediting the remote (so the stream's receive window bounds what a paused stream holds).
 */
final class QuicStream extends MuxedStream {
  /** Largest chunk handed to the stream channel at once. */
  static final int MAX_CHUNK = 64 * 1024;
  /** Application error code of our resets (libp2p defines none for stream resets). */
  static final int RESET_CODE = 0;

  private final QuicSession quic;
  private final QuicStreamChannel channel;

  QuicStream(QuicSession session, QuicStreamChannel channel, Direction direction) {
    super(session, channel.streamId(), direction);
    this.quic = session;
    this.channel = channel;
  }

  QuicStreamChannel channel() {
    return channel;
  }

  @Override
  protected long sendCapacity() {
    if (!channel.isActive() || !channel.isWritable()) {
      return 0;
    }
    return MAX_CHUNK; // beyond the stack's capacity the codec queues (and turns unwritable)
  }

  @Override
  protected int maxFrame() {
    return MAX_CHUNK;
  }

  @Override
  protected void sendData(ByteBuf chunk) {
    channel.write(chunk, channel.voidPromise());
    quic.markDirty(this);
  }

  @Override
  protected void sendClose() {
    channel.write(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true), channel.voidPromise());
    quic.markDirty(this);
  }

  @Override
  protected void sendReset() {
    if (channel.isActive()) {
      channel.shutdown(RESET_CODE).addListener(f -> channel.close());
    }
  }

  @Override
  protected void consumed(int bytes) {
    // QUIC credits the remote as the QUIC stack hands data over; pausing stops that (see setReadPaused).
  }

  @Override
  protected boolean inboundOverLimit(long queuedBytes) {
    return false; // reading stops when paused, so the stream's receive window bounds the queue
  }

  @Override
  public void setReadPaused(boolean paused) {
    super.setReadPaused(paused);
    channel.config().setAutoRead(!paused);
  }

  void remoteData(ByteBuf data) {
    onRemoteData(data);
  }

  void remoteFin() {
    onRemoteClose();
  }

  void remoteReset() {
    onRemoteReset();
  }

  void connectionLost() {
    onConnectionClosed();
  }

  void writable() {
    onSendCapacity();
  }
}
