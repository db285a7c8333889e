package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.rpc.StatusCheck;
import io.edvt.networking.peers.GoodbyeReason;
import io.edvt.networking.peers.StatusExchange;
import io.edvt.networking.peers.StatusVerdict;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Status handshake the peer manager runs on every new connection: on a connection we dialled
 * we send our Status and read the answer; on an inbound one we wait for the peer's Status request
 * (our responder answers it). A peer on another fork digest, or whose finalized checkpoint is not
 * on our chain, is rejected with IRRELEVANT_NETWORK; an accepted peer goes to
 * {@link PeerChainStatuses}, where sync finds it.
 */
public final class Eth2StatusExchange implements StatusExchange {
  private final Eth2Client client;
  private final ChainDataSource data;
  private final PeerChainStatuses statuses;

  public Eth2StatusExchange(Eth2Client client, ChainDataSource data, PeerChainStatuses statuses) {
    this.client = client;
    this.data = data;
    this.statuses = statuses;
  }

  @Override
  public CompletableFuture<StatusVerdict> exchange(Connection connection) {
    CompletableFuture<StatusMessage> theirs = connection.direction() == Direction.OUTBOUND
        ? client.status(connection, data.status()).thenApply(s -> {
          statuses.received(connection.remotePeerId(), s);
          return s;
        })
        : statuses.awaitStatus(connection.remotePeerId());
    return theirs.thenApply(s -> judge(connection, s));
  }

  private StatusVerdict judge(Connection connection, StatusMessage theirs) {
    Optional<String> problem = StatusCheck.problem(data.status(), theirs, data);
    if (problem.isPresent()) {
      return new StatusVerdict.Reject(GoodbyeReason.IRRELEVANT_NETWORK, problem.get());
    }
    statuses.accepted(connection, theirs);
    return StatusVerdict.ACCEPT;
  }

  @Override
  public CompletableFuture<Void> goodbye(Connection connection, GoodbyeReason reason) {
    return client.goodbye(connection, UInt64.valueOf(reason.code()));
  }
}
