package io.edvt.networking.discovery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** Where the peer manager gets dial candidates: discv5 ({@link DiscoveryService}) or a test double. */
public interface PeerSource {
  /** Runs a search for new nodes; completes with the usable candidates found and already known. */
  CompletableFuture<List<DiscoveredPeer>> searchForPeers();

  /** The usable candidates known now (live nodes of the table), without a search. */
  List<DiscoveredPeer> knownPeers();

  /**
   * A search for the candidates that match {@code wanted} (built from {@link SubnetPredicates}):
   * a lookup as {@link #searchForPeers()}, then the matching candidates. discv5 has no subnet index
   * (topic advertisement is not deployed), so subnet peers are found by filtering the ENRs a lookup
   * returns, as Lighthouse and Teku do.
   */
  default CompletableFuture<List<DiscoveredPeer>> searchForPeers(Predicate<DiscoveredPeer> wanted) {
    return searchForPeers().thenApply(all -> all.stream().filter(wanted).toList());
  }
}
