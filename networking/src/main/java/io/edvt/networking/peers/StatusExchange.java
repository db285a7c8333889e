package io.edvt.networking.peers;

import io.edvt.networking.transport.api.Connection;
import java.util.concurrent.CompletableFuture;

/**
 * What the peer manager needs from the eth2 req/resp layer (which implements it): the Status
 * handshake and the Goodbye message. The manager bounds both with its own timeouts.
 */
public interface StatusExchange {
  /**
   * Runs the status exchange on a new connection (we send Status on connections we dialled and
   * wait for the remote's on inbound ones) and judges the remote: another fork digest, or a
   * finalized checkpoint we know is not on our chain, is {@link GoodbyeReason#IRRELEVANT_NETWORK}.
   */
  CompletableFuture<StatusVerdict> exchange(Connection connection);

  /** Sends Goodbye with {@code reason}; completes when sent (or failed). */
  CompletableFuture<Void> goodbye(Connection connection, GoodbyeReason reason);
}
