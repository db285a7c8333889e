package io.edvt.node.wiring;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.transport.api.Connection;
import io.edvt.node.api.NetworkView;
import io.edvt.node.chain.Chain;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.sync.DutyReadiness;
import io.edvt.node.sync.Sync;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Beacon API's {@code node} endpoints over the running p2p part and sync: the identity
 * ethereum-package reads ({@code enr}, {@code p2p_addresses[0]}, {@code peer_id}), the connected
 * peers as the host sees them, and sync's status.
 */
final class P2pNetworkView implements NetworkView {
  private final NodeNetwork network;
  private final Sync sync;
  private final Supplier<DutyReadiness.Verdict> readiness;
  private final Chain chain;
  private final String advertisedAddress;
  private final long custodyGroups;

  /**
   * @param readiness whether the node signs on its head now: while it does not, it reports itself
   *     syncing (so a validator client and {@code /node/health} agree with its own validators)
   * @param advertisedAddress the p2p multiaddr others dial ({@code /ip4/<ip>/tcp/<port>}), from
   *     {@code --p2p-advertised-ip} or the ENR's address
   */
  P2pNetworkView(NodeNetwork network, Sync sync, Supplier<DutyReadiness.Verdict> readiness, Chain chain,
      String advertisedAddress, long custodyGroups) {
    this.network = network;
    this.sync = sync;
    this.readiness = readiness;
    this.chain = chain;
    this.advertisedAddress = advertisedAddress;
    this.custodyGroups = custodyGroups;
  }

  @Override
  public NodeIdentity identity() {
    String peerId = network.peerId().toBase58();
    MetadataMessage ours = network.localMetadata(); // what a MetaData request to us answers now
    return new NodeIdentity(peerId, network.localEnr().orElse(""), List.of(advertisedAddress + "/p2p/" + peerId),
        network.discoveryAddress().map(List::of).orElse(List.of()),
        new Metadata(ours.seqNumber(), hex(ours.attnets()), hex(ours.syncnets()),
            ours.custodyGroupCount().orElse(UInt64.valueOf(custodyGroups))));
  }

  private static String hex(SszBits bits) {
    return "0x" + HexFormat.of().formatHex(bits.packedBytes());
  }

  @Override
  public List<PeerInfo> peers() {
    List<PeerInfo> out = new ArrayList<>();
    for (Connection c : network.host().connections()) {
      out.add(new PeerInfo(c.remotePeerId().toBase58(), Optional.empty(), c.remoteAddress().toString(), "connected",
          c.direction().name().toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  @Override
  public SyncStatus syncStatus() {
    io.edvt.node.sync.SyncStatus s = sync.status();
    long head = chain.head().slot();
    return new SyncStatus(UInt64.valueOf(head), UInt64.valueOf(Math.max(0, s.distance())),
        s.syncing() || !readiness.get().ready(),
        chain.head().optimistic(), false);
  }

  @Override
  public boolean isReady() {
    return true;
  }

  int peerCount() {
    return network.peers().connectedCount();
  }
}
