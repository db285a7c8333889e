package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Optional;

/** The network and sync side of the node: the {@code node} endpoints. */
public interface NetworkView {
  NodeIdentity identity();

  /** The peers the node knows of, connected or not. */
  List<PeerInfo> peers();

  SyncStatus syncStatus();

  /** Whether the node is up with a chain to serve ({@code /node/health} answers 503 otherwise). */
  boolean isReady();

  /**
   * This node on the network ({@code /eth/v1/node/identity}).
   *
   * @param peerId the libp2p peer id (base58)
   * @param enr the node's record, {@code enr:...}
   * @param p2pAddresses the multiaddrs peers can dial, each ending in {@code /p2p/<peerId>}
   * @param discoveryAddresses the discv5 multiaddrs
   * @param metadata the req/resp {@code MetaData} the node serves
   */
  record NodeIdentity(String peerId, String enr, List<String> p2pAddresses, List<String> discoveryAddresses,
      Metadata metadata) {
    public NodeIdentity {
      p2pAddresses = List.copyOf(p2pAddresses);
      discoveryAddresses = List.copyOf(discoveryAddresses);
    }
  }

  /**
   * The {@code MetaData} (Fulu: with {@code custody_group_count}).
   *
   * @param seqNumber the metadata's sequence number
   * @param attnets the attestation subnet bitvector as 0x hex
   * @param syncnets the sync committee subnet bitvector as 0x hex
   * @param custodyGroupCount the number of custody groups the node keeps
   */
  record Metadata(UInt64 seqNumber, String attnets, String syncnets, UInt64 custodyGroupCount) {}

  /**
   * One peer ({@code /eth/v1/node/peers}).
   *
   * @param peerId its libp2p peer id
   * @param enr its record, if known
   * @param lastSeenP2pAddress the address it was last seen at
   * @param state {@code disconnected}, {@code connecting}, {@code connected} or {@code disconnecting}
   * @param direction {@code inbound} or {@code outbound}
   */
  record PeerInfo(String peerId, Optional<String> enr, String lastSeenP2pAddress, String state, String direction) {}

  /**
   * Where sync is ({@code /eth/v1/node/syncing}).
   *
   * @param headSlot the head's slot
   * @param syncDistance how many slots the head is behind the wall clock
   * @param isSyncing whether the node is syncing
   * @param isOptimistic whether the head is optimistic
   * @param elOffline whether the execution client is unreachable
   */
  record SyncStatus(UInt64 headSlot, UInt64 syncDistance, boolean isSyncing, boolean isOptimistic, boolean elOffline) {}
}
