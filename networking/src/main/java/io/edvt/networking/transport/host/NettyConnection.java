package io.edvt.networking.transport.host;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.mux.MuxerSession;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link Connection} over a Netty channel whose pipeline ends in a muxer session. */
final class NettyConnection implements Connection {
  private final Channel channel;
  private final PeerId remotePeer;
  private final PublicKey remoteKey;
  private final Direction direction;
  private final MuxerSession session;
  private final Multiaddr remoteAddress;
  private final Multiaddr localAddress;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  NettyConnection(Channel channel, PeerId remotePeer, PublicKey remoteKey, Direction direction, MuxerSession session) {
    this.channel = channel;
    this.remotePeer = remotePeer;
    this.remoteKey = remoteKey;
    this.direction = direction;
    this.session = session;
    this.remoteAddress = Multiaddr.fromSocketAddress((InetSocketAddress) channel.remoteAddress());
    this.localAddress = Multiaddr.fromSocketAddress((InetSocketAddress) channel.localAddress());
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

  @Override
  public String muxer() {
    return session.protocolId();
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
