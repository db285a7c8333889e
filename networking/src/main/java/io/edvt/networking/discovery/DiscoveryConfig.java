package io.edvt.networking.discovery;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Discovery options the node exposes (see networking/README.md, "Node options").
 *
 * @param listenAddress UDP address discv5 binds ({@code 0.0.0.0} for all interfaces)
 * @param udpPort discv5 port (also advertised as {@code udp})
 * @param advertisedIp the IP our ENR advertises; empty: the listen address if it is concrete, else
 *     the first non-loopback interface address, then updated from what peers observe (PONG)
 * @param tcpPort the libp2p TCP port advertised as {@code tcp}
 * @param quicPort the libp2p QUIC port advertised as {@code quic}, if we serve QUIC
 * @param bootnodes ENR texts of the nodes to start from
 * @param siteLocalAddressesEnabled whether peers on private (site-local, loopback, link-local)
 *     addresses may be contacted and dialled; off on public networks, on for local testnets
 * @param maxPeersPerQuery how many new candidates one search returns at most
 */
public record DiscoveryConfig(InetAddress listenAddress, int udpPort, Optional<InetAddress> advertisedIp, int tcpPort,
    OptionalInt quicPort, List<String> bootnodes, boolean siteLocalAddressesEnabled, int maxPeersPerQuery) {

  public DiscoveryConfig {
    bootnodes = List.copyOf(bootnodes);
    if (udpPort < 0 || udpPort > 65535 || tcpPort < 0 || tcpPort > 65535) {
      throw new IllegalArgumentException("ports must be in [0, 65535]");
    }
  }

  /** Port 9000 for UDP and TCP, 9001 for QUIC, all interfaces, no bootnodes, public addresses only. */
  public static DiscoveryConfig defaults() {
    return new DiscoveryConfig(anyLocal(), 9000, Optional.empty(), 9000, OptionalInt.of(9001), List.of(), false, 16);
  }

  private static InetAddress anyLocal() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public DiscoveryConfig withListen(InetAddress address, int udp) {
    return new DiscoveryConfig(address, udp, advertisedIp, tcpPort, quicPort, bootnodes, siteLocalAddressesEnabled,
        maxPeersPerQuery);
  }

  public DiscoveryConfig withAdvertisedIp(InetAddress ip) {
    return new DiscoveryConfig(listenAddress, udpPort, Optional.of(ip), tcpPort, quicPort, bootnodes,
        siteLocalAddressesEnabled, maxPeersPerQuery);
  }

  public DiscoveryConfig withLibp2pPorts(int tcp, OptionalInt quic) {
    return new DiscoveryConfig(listenAddress, udpPort, advertisedIp, tcp, quic, bootnodes, siteLocalAddressesEnabled,
        maxPeersPerQuery);
  }

  public DiscoveryConfig withBootnodes(List<String> enrs) {
    return new DiscoveryConfig(listenAddress, udpPort, advertisedIp, tcpPort, quicPort, enrs, siteLocalAddressesEnabled,
        maxPeersPerQuery);
  }

  public DiscoveryConfig withSiteLocalAddresses(boolean enabled) {
    return new DiscoveryConfig(listenAddress, udpPort, advertisedIp, tcpPort, quicPort, bootnodes, enabled,
        maxPeersPerQuery);
  }
}
