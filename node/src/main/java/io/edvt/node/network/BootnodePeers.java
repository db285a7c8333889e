package io.edvt.node.network;

import io.edvt.networking.discovery.DiscoveredPeer;
import io.edvt.networking.discovery.Enrs;
import io.edvt.networking.discovery.PeerSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The peer manager's candidates until discv5 is wired into the node: the bootnode ENRs of the
 * configuration, decoded once (a malformed one stops the start with the reason). The manager
 * dials those whose {@code eth2} fork digest is ours.
 */
public final class BootnodePeers implements PeerSource {
  private final List<DiscoveredPeer> peers;

  public BootnodePeers(List<String> enrs) {
    List<DiscoveredPeer> out = new ArrayList<>();
    for (String enr : enrs) {
      try {
        out.add(Enrs.toPeer(Enrs.decode(enr)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bootnode " + enr + ": " + e.getMessage(), e);
      }
    }
    this.peers = List.copyOf(out);
  }

  @Override
  public CompletableFuture<List<DiscoveredPeer>> searchForPeers() {
    return CompletableFuture.completedFuture(peers);
  }

  @Override
  public List<DiscoveredPeer> knownPeers() {
    return peers;
  }
}
