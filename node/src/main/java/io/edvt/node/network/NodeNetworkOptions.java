package io.edvt.node.network;

import io.edvt.networking.discovery.DiscoveryConfig;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node's p2p part is started with (the CLI maps its options here).
 *
 * @param listenHost the interface to listen on ({@code 0.0.0.0}, {@code 127.0.0.1})
 * @param listenPort libp2p over TCP; 0 picks a free port
 * @param privateKey the node's secp256k1 identity (libp2p peer id and discv5 node id)
 * @param bootnodes ENR texts of nodes to dial at start (their {@code tcp} address)
 * @param staticPeers multiaddrs with {@code /p2p/<id>} kept connected (redialled when lost)
 * @param targetPeers the peer manager's target
 * @param maxPeers the peer manager's maximum
 * @param subscribeAllSubnets join and advertise every {@code beacon_attestation_{subnet}} topic,
 *     instead of the long-lived ones from the node id and those of aggregator duties
 *     ({@link SubnetSubscriptions})
 * @param subscribeAllCustody join every {@code data_column_sidecar} subnet and advertise the full
 *     custody group count, instead of {@code CUSTODY_REQUIREMENT} groups
 * @param subscribeAheadEpochs how many epochs before a fork its topics are joined, and after it the
 *     old ones left
 * @param discovery discv5's options when the node runs discovery (see {@link #withDiscovery})
 * @param upkeep how often connected peers are pinged and asked for Status again
 */
public record NodeNetworkOptions(String listenHost, int listenPort, Secp256k1PrivateKey privateKey, List<String> bootnodes,
    List<Multiaddr> staticPeers, int targetPeers, int maxPeers, boolean subscribeAllSubnets,
    boolean subscribeAllCustody, int subscribeAheadEpochs, Optional<DiscoveryConfig> discovery,
    PeerUpkeepIntervals upkeep) {

  public NodeNetworkOptions {
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(upkeep, "upkeep");
    if (discovery.isPresent() && listenPort == 0) {
      throw new IllegalArgumentException("discovery advertises the TCP port in the ENR, so it needs a fixed listen port, not 0");
    }
    bootnodes = List.copyOf(bootnodes);
    staticPeers = List.copyOf(staticPeers);
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("listen port " + listenPort + " is not 0-65535");
    }
    if (targetPeers < 0 || maxPeers < targetPeers) {
      throw new IllegalArgumentException("need 0 <= target peers (" + targetPeers + ") <= max peers (" + maxPeers + ")");
    }
    if (subscribeAheadEpochs < 0) {
      throw new IllegalArgumentException("subscribe-ahead epochs must not be negative, got " + subscribeAheadEpochs);
    }
    for (Multiaddr m : staticPeers) {
      if (m.peerId().isEmpty()) {
        throw new IllegalArgumentException("static peer " + m + " has no /p2p/<peer id>");
      }
    }
  }

  /**
   * Port 9000 on every interface, no peers given, 64 / 80 peers, attestation subnets per node id and duty, subscribing 2
   * epochs ahead, the default peer upkeep.
   */
  public static NodeNetworkOptions defaults(Secp256k1PrivateKey key) {
    return new NodeNetworkOptions("0.0.0.0", 9000, key, List.of(), List.of(), 64, 80, false, false, 2, Optional.empty(),
        PeerUpkeepIntervals.defaults());
  }

  /**
   * Runs discv5 with {@code config} (its bootnodes, UDP port and advertised address) as the peer
   * manager's source of peers, instead of dialling the bootnode ENRs given to {@link #withPeers}
   * only; the node's ENR carries the eth2, attnets and custody fields.
   */
  public NodeNetworkOptions withDiscovery(DiscoveryConfig config) {
    return new NodeNetworkOptions(listenHost, listenPort, privateKey, bootnodes, staticPeers, targetPeers, maxPeers,
        subscribeAllSubnets, subscribeAllCustody, subscribeAheadEpochs, Optional.of(config), upkeep);
  }

  public NodeNetworkOptions withListen(String host, int port) {
    return new NodeNetworkOptions(host, port, privateKey, bootnodes, staticPeers, targetPeers, maxPeers, subscribeAllSubnets,
        subscribeAllCustody, subscribeAheadEpochs, discovery, upkeep);
  }

  public NodeNetworkOptions withPeers(List<String> enrs, List<Multiaddr> statics) {
    return new NodeNetworkOptions(listenHost, listenPort, privateKey, enrs, statics, targetPeers, maxPeers, subscribeAllSubnets,
        subscribeAllCustody, subscribeAheadEpochs, discovery, upkeep);
  }

  public NodeNetworkOptions withPeerBounds(int target, int max) {
    return new NodeNetworkOptions(listenHost, listenPort, privateKey, bootnodes, staticPeers, target, max, subscribeAllSubnets,
        subscribeAllCustody, subscribeAheadEpochs, discovery, upkeep);
  }

  /** Whether every attestation subnet is joined ({@code --p2p-subscribe-all-subnets-enabled}) and every custody subnet. */
  public NodeNetworkOptions withSubnets(boolean attestation, boolean allCustody) {
    return new NodeNetworkOptions(listenHost, listenPort, privateKey, bootnodes, staticPeers, targetPeers, maxPeers, attestation,
        allCustody, subscribeAheadEpochs, discovery, upkeep);
  }

  public NodeNetworkOptions withUpkeep(PeerUpkeepIntervals intervals) {
    return new NodeNetworkOptions(listenHost, listenPort, privateKey, bootnodes, staticPeers, targetPeers, maxPeers,
        subscribeAllSubnets, subscribeAllCustody, subscribeAheadEpochs, discovery, intervals);
  }

}
