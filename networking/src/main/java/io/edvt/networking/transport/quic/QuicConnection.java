package io.edvt.networking.transport.quic;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.netty.incubator.codec.quic.QuicChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link Connection} over one QUIC connection: TLS 1.3 secured, native QUIC streams. */
final class QuicConnection implements Connection {
  private final QuicChannel channel;
  private final PeerId remotePeer;
  private final PublicKey remoteKey;
  private final Direction direction;
  private final QuicSession session;
  private final Multiaddr remoteAddress;
  private final Multiaddr localAddress;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  QuicConnection(QuicChannel channel, PublicKey remoteKey, Direction direction, QuicSession session,
      InetSocketAddress localSocket) {
    this.channel = channel;
    this.remoteKey = remoteKey;
    this.remotePeer = remoteKey.peerId();
    this.direction = direction;
    this.session = session;
    this.remoteAddress = Multiaddr.fromQuicSocketAddress((InetSocketAddress) channel.remoteSocketAddress());
    this.localAddress = Multiaddr.fromQuicSocketAddress(localSocket);
    channel.closeFuture().addListener(f -> closed.complete(null));
  }

  @Override
  public PeerId remotePeerId() {
    return remotePeer;
  }

  @Override
  public PublicKey remotePublicKey() {
    return remoteKey;
  }

  @Override
  public Multiaddr remoteAddress() {
    return remoteAddress;
  }

  @Override
  public Multiaddr localAddress() {
    return localAddress;
  }

  @Override
  public Direction direction() {
    return direction;
  }

  /** {@code /quic-v1}: QUIC has its own streams, there is no separate muxer. */
  @Override
  public String muxer() {
    return QuicSession.PROTOCOL_ID;
  }

  @Override
  public CompletableFuture<Stream> openStream(List<String> protocols, StreamHandler handler) {
    return session.openStream(protocols, handler);
  }

  @Override
  public int streamCount() {
    return session.streamCount();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public CompletableFuture<Void> close() {
    session.close();
    return closed;
  }

  @Override
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }

  @Override
  public String toString() {
    return (direction == Direction.OUTBOUND ? "to " : "from ") + remotePeer + "@" + remoteAddress;
  }
}
