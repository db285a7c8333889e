package io.edvt.node.network;

import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.rpc.StatusCheck;
import io.edvt.networking.peers.GoodbyeReason;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerManager;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Exchanges Status again with every ready peer at the configured interval (phase0 p2p-interface
 * leaves when to the client; Lighthouse does it every 5 minutes): the answer refreshes
 * {@link PeerChainStatuses} (sync sees a peer's new head and finality), and a peer whose Status
 * now fails the handshake rule ({@link StatusCheck}: another fork digest, or a finalized
 * checkpoint not in our chain) is told Goodbye with IRRELEVANT_NETWORK and disconnected. A Status a
 * ready peer sends us on its own (our responder records it in {@link PeerChainStatuses}) is judged
 * the same way. A peer that does not answer counts against its score.
 */
public final class PeerStatusRefresh {
  private static final System.Logger LOG = System.getLogger(PeerStatusRefresh.class.getName());

  private final Eth2Client client;
  private final ChainDataSource data;
  private final PeerChainStatuses statuses;
  private final PeerManager peers;
  private final PeerUpkeepIntervals intervals;

  public PeerStatusRefresh(Eth2Client client, ChainDataSource data, PeerChainStatuses statuses, PeerManager peers,
      PeerUpkeepIntervals intervals) {
    this.client = client;
    this.data = data;
    this.statuses = statuses;
    this.peers = peers;
    this.intervals = intervals;
  }

  /**
   * Re-exchanges Status with every ready peer each interval, on {@code scheduler}; from now on a
   * Status a ready peer sends us on its own is judged too.
   */
  public void start(ScheduledExecutorService scheduler) {
    statuses.subscribe((peer, up) -> {
      if (up) {
        problem(peer.status()).ifPresent(p -> peers.disconnect(peer.id(), GoodbyeReason.IRRELEVANT_NETWORK, p));
      }
    });
    long every = intervals.status().toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
  }

  private void refreshAll() {
    try {
      for (PeerChainStatuses.ReadyPeer r : statuses.ready()) {
        refresh(r.connection());
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "refreshing peer statuses failed", e);
    }
  }

  private void refresh(Connection c) {
    PeerId id = c.remotePeerId();
    client.status(c, data.status()).orTimeout(intervals.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((theirs, e) -> {
          if (!c.isOpen()) {
            return;
          }
          if (e != null) {
            peers.report(id, PeerAction.MID_TOLERANCE, "status request failed: " + e);
            return;
          }
          judge(id, theirs);
        });
  }

  private Optional<String> problem(StatusMessage theirs) {
    return StatusCheck.problem(data.status(), theirs, data);
  }

  private void judge(PeerId id, StatusMessage theirs) {
    Optional<String> problem = problem(theirs);
    if (problem.isPresent()) {
      peers.disconnect(id, GoodbyeReason.IRRELEVANT_NETWORK, problem.get());
      return;
    }
    statuses.received(id, theirs);
  }
}
