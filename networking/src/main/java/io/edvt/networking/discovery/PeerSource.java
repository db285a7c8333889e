package io.edvt.networking.discovery;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the peer manager gets dial candidates: discv5 ({@link DiscoveryService}) or a test double. */
public interface PeerSource {
  /** Runs a search for new nodes; completes with the usable candidates found and already known. */
  CompletableFuture<List<DiscoveredPeer>> searchForPeers();

  /** The usable candidates known now (live nodes of the table), without a search. */
  List<DiscoveredPeer> knownPeers();
}
