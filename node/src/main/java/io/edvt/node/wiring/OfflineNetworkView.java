package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.NetworkView;
import io.edvt.node.chain.Chain;
import io.edvt.node.time.SlotClock;
import java.util.List;

/**
 * The network view of a node running without p2p ({@code --p2p-enabled=false}): no peers, no
 * addresses, and a sync distance from the wall clock. A node alone is never "syncing": there is
 * no one to sync from, so its head is as far as it can get.
 */
final class OfflineNetworkView implements NetworkView {
  private final Chain chain;
  private final SlotClock clock;

  OfflineNetworkView(Chain chain, SlotClock clock) {
    this.chain = chain;
    this.clock = clock;
  }

  @Override
  public NodeIdentity identity() {
    return new NodeIdentity("", "", List.of(), List.of(),
        new Metadata(UInt64.ZERO, "0x0000000000000000", "0x00", UInt64.ZERO));
  }

  @Override
  public List<PeerInfo> peers() {
    return List.of();
  }

  @Override
  public SyncStatus syncStatus() {
    long head = chain.head().slot();
    long distance = Math.max(0, clock.currentSlot() - head);
    return new SyncStatus(UInt64.valueOf(head), UInt64.valueOf(distance), false, chain.head().optimistic(), false);
  }

  @Override
  public boolean isReady() {
    return true;
  }
}
