package io.edvt.networking.transport.api;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A secured, muxed connection to one peer. Thread safe. */
public interface Connection {
  PeerId remotePeerId();

  PublicKey remotePublicKey();

  Multiaddr remoteAddress();

  Multiaddr localAddress();

  Direction direction();

  /** The muxer protocol in use ({@code /yamux/1.0.0} or {@code /mplex/6.7.0}). */
  String muxer();

  /**
   * Opens a stream and negotiates the first of {@code protocols} the remote supports. The future
   * completes when the remote agreed (then {@link StreamHandler#onActive} has run) or fails with
   * a {@link StreamClosedException} (no common protocol, reset, connection lost).
   */
  CompletableFuture<Stream> openStream(List<String> protocols, StreamHandler handler);

  default CompletableFuture<Stream> openStream(String protocol, StreamHandler handler) {
    return openStream(List.of(protocol), handler);
  }

  /** Number of open streams (both directions). */
  int streamCount();

  boolean isOpen();

  /** Closes the connection (yamux sends go-away first); every stream ends with CONNECTION_CLOSED. */
  CompletableFuture<Void> close();

  /** Completes when the connection is closed, by either side. */
  CompletableFuture<Void> closeFuture();
}
