package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Optional;

/** A fixed network view for the API tests, its sync status following the chain's head; readiness and syncing switchable. */
public final class TestNetwork implements NetworkView {
  static final String PEER_ID = "16Uiu2HAmQ2wN6wq7b8Xz8s2bV8pC1cRqfVYuH1pjZ7JZzQm1bqXk";
  static final String ENR = "enr:-MS4QHXq0KqPZeE8mkf3b2oCLyHdpzr3hYqmXUqk4e2vXtBo0r5xgvPdWlVQc1I3nSdmS2bW5Ft0oRkFGrYcVt8Z7n8Bh2F0dG5ldHOIAAAAAAAAAACEZXRoMpA";
  static final List<PeerInfo> PEERS = List.of(
      new PeerInfo("16Uiu2HAkv1", Optional.of("enr:-peer1"), "/ip4/10.0.0.1/tcp/9000", "connected", "outbound"),
      new PeerInfo("16Uiu2HAkv2", Optional.empty(), "/ip4/10.0.0.2/tcp/9000", "connected", "inbound"),
      new PeerInfo("16Uiu2HAkv3", Optional.empty(), "/ip4/10.0.0.3/udp/9000/quic-v1", "disconnected", "inbound"));

  private final ChainReader chain;
  volatile boolean ready = true;
  volatile boolean syncing = false;

  TestNetwork(ChainReader chain) {
    this.chain = chain;
  }

  @Override
  public NodeIdentity identity() {
    return new NodeIdentity(PEER_ID, ENR, List.of("/ip4/127.0.0.1/tcp/9000/p2p/" + PEER_ID),
        List.of("/ip4/127.0.0.1/udp/9000/p2p/" + PEER_ID),
        new Metadata(UInt64.valueOf(7), "0x0300000000000000", "0x01", UInt64.valueOf(4)));
  }

  @Override
  public List<PeerInfo> peers() {
    return PEERS;
  }

  @Override
  public SyncStatus syncStatus() {
    return new SyncStatus(chain.head().slot(), syncing ? UInt64.valueOf(12) : UInt64.ZERO, syncing, false, false);
  }

  @Override
  public boolean isReady() {
    return ready;
  }
}
