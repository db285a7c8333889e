package io.edvt.networking.peers;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.util.concurrent.CompletableFuture;

/** How the peer manager opens connections ({@code host::dial}). */
@FunctionalInterface
public interface Dialer {
  CompletableFuture<Connection> dial(Multiaddr address);
}
