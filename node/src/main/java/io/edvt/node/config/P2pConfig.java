package io.edvt.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The peer-to-peer side of the node.
 *
 * @param enabled {@code --p2p-enabled}: false runs the node alone (no host, no discovery)
 * @param interfaces {@code --p2p-interface}: addresses to listen on (one IPv4 and/or one IPv6)
 * @param port {@code --p2p-port}: TCP port of the libp2p host
 * @param udpPort {@code --p2p-udp-port}: discovery's UDP port ({@code --p2p-port} unless given)
 * @param quicPort {@code --p2p-quic-port}: the QUIC transport's UDP port
 * @param advertisedIps {@code --p2p-advertised-ip}: addresses put in the ENR (empty: the
 *     listening address, or what discovery learns)
 * @param peerLowerBound {@code --p2p-peer-lower-bound}: below this many peers the node dials more
 * @param peerUpperBound {@code --p2p-peer-upper-bound}: above this many it disconnects some
 * @param discoveryEnabled {@code --p2p-discovery-enabled}: run discv5
 * @param bootnodes {@code --p2p-discovery-bootnodes}: ENRs ({@code enr:...}) to start discovery from
 * @param siteLocalAddressesEnabled {@code --p2p-discovery-site-local-addresses-enabled}: accept
 *     peers with private addresses (10/8, 172.16/12, 192.168/16), as in a local devnet
 * @param subscribeAllSubnets {@code --p2p-subscribe-all-subnets-enabled}: join (and advertise)
 *     every attestation subnet, instead of the long-lived ones of the node id and those of
 *     aggregator duties
 * @param subscribeAllCustodySubnets {@code --p2p-subscribe-all-custody-subnets-enabled}: custody
 *     every data column (a supernode)
 * @param privateKeyFile {@code --Xp2p-private-key-file-secp256k1}: the node key, hex; without it
 *     the node keeps one in its data path
 */
public record P2pConfig(
    boolean enabled,
    List<String> interfaces,
    int port,
    int udpPort,
    int quicPort,
    List<String> advertisedIps,
    int peerLowerBound,
    int peerUpperBound,
    boolean discoveryEnabled,
    List<String> bootnodes,
    boolean siteLocalAddressesEnabled,
    boolean subscribeAllSubnets,
    boolean subscribeAllCustodySubnets,
    Optional<Path> privateKeyFile) {
  public P2pConfig {
    interfaces = List.copyOf(interfaces);
    advertisedIps = List.copyOf(advertisedIps);
    bootnodes = List.copyOf(bootnodes);
    Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    if (peerLowerBound > peerUpperBound) {
      throw new IllegalArgumentException("peer lower bound " + peerLowerBound + " above upper bound " + peerUpperBound);
    }
  }
}
