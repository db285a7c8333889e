package io.edvt.networking.transport.yamux;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.mux.MuxedStream;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.netty.buffer.ByteBuf;

/**
 * A yamux stream: sends within the remote's window, credits the remote as our handler consumes
 * (so a paused reader stops the sender once the window is used), and tracks our receive window
 * so a sender that overruns it is caught.
 */
final class YamuxStream extends MuxedStream {
  /** Largest data frame we send: js-libp2p's and go-libp2p's default message size. */
  static final int MAX_FRAME = 64 * 1024;

  private final YamuxSession yamux;
  private final int receiveWindow;
  private long sendWindow = MuxerConfig.YAMUX_INITIAL_WINDOW;
  private long receiveRemaining = MuxerConfig.YAMUX_INITIAL_WINDOW;
  private long uncredited;
  /** Flags owed on our next frame: SYN for a stream we open, ACK for one we accept. */
  private int pendingFlags;

  YamuxStream(YamuxSession session, int id, Direction direction, int receiveWindow) {
    super(session, Integer.toUnsignedLong(id), direction);
    this.yamux = session;
    this.receiveWindow = receiveWindow;
    this.pendingFlags = direction == Direction.OUTBOUND ? YamuxFrame.FLAG_SYN : YamuxFrame.FLAG_ACK;
  }

  int streamId() {
    return (int) id();
  }

  /** Sends the SYN or ACK now, with the window raise beyond the initial 256 KiB. */
  void announce() {
    long raise = receiveWindow - receiveRemaining;
    receiveRemaining += raise;
    yamux.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, takeFlags(), streamId(), raise, null);
  }

  private int takeFlags() {
    int f = pendingFlags;
    pendingFlags = 0;
    return f;
  }

  /** A data frame arrived; false if it overruns the window we granted. */
  boolean acceptData(long length) {
    if (length > receiveRemaining) {
      return false;
    }
    receiveRemaining -= length;
    return true;
  }

  void onWindowUpdate(long delta) {
    sendWindow += delta;
    onSendCapacity();
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

  /** Refuses a stream we never registered (we are going away). */
  void resetSilently() {
    sendReset();
    yamux.flushSession();
  }

  @Override
  protected long sendCapacity() {
    return session.isChannelWritable() ? sendWindow : 0;
  }

  @Override
  protected int maxFrame() {
    return MAX_FRAME;
  }

  @Override
  protected void sendData(ByteBuf chunk) {
    sendWindow -= chunk.readableBytes();
    yamux.writeFrame(YamuxFrame.TYPE_DATA, takeFlags(), streamId(), chunk.readableBytes(), chunk);
  }

  @Override
  protected void sendClose() {
    yamux.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, takeFlags() | YamuxFrame.FLAG_FIN, streamId(), 0, null);
  }

  @Override
  protected void sendReset() {
    yamux.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, takeFlags() | YamuxFrame.FLAG_RST, streamId(), 0, null);
  }

  @Override
  protected void consumed(int bytes) {
    uncredited += bytes;
    // Credit in batches of half a window: one update per ~512 KiB instead of one per frame.
    if (uncredited >= receiveWindow / 2 && !isRemoteClosed()) {
      receiveRemaining += uncredited;
      yamux.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, takeFlags(), streamId(), uncredited, null);
      uncredited = 0;
      yamux.flushSession();
    }
  }

  @Override
  protected boolean inboundOverLimit(long queuedBytes) {
    return false; // the receive window bounds what a paused stream can queue
  }
}
