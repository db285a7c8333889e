package io.edvt.node.cli.beacon;

import io.edvt.node.config.P2pConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --p2p-*}. */
final class P2pFlags {
  static final int DEFAULT_PORT = 9000;
  static final int DEFAULT_QUIC_PORT = 9001;
  static final int DEFAULT_PEER_LOWER_BOUND = 64;
  static final int DEFAULT_PEER_UPPER_BOUND = 100;

  @Option(names = "--p2p-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Join the peer-to-peer network.")
  boolean enabled = true;

  @Option(names = "--p2p-interface", paramLabel = "<NETWORK>", split = ",", arity = "1..2",
      converter = Converters.IpAddress.class,
      description = "Addresses to listen on: one IPv4 and/or one IPv6 (default: 0.0.0.0).")
  List<String> interfaces = new ArrayList<>(List.of("0.0.0.0"));

  @Option(names = "--p2p-port", paramLabel = "<INTEGER>", converter = Converters.Port.class,
      description = "TCP port of the libp2p host (default: ${DEFAULT-VALUE}).")
  int port = DEFAULT_PORT;

  @Option(names = "--p2p-udp-port", paramLabel = "<INTEGER>", converter = Converters.Port.class,
      description = "UDP port of discovery (default: the --p2p-port).")
  Integer udpPort;

  @Option(names = "--p2p-quic-port", paramLabel = "<INTEGER>", converter = Converters.Port.class,
      description = "UDP port of the QUIC transport (default: ${DEFAULT-VALUE}).")
  int quicPort = DEFAULT_QUIC_PORT;

  @Option(names = "--p2p-advertised-ip", paramLabel = "<NETWORK>", split = ",",
      arity = "1..2", converter = Converters.IpAddress.class,
      description = "Addresses to put in the node record (one IPv4 and/or one IPv6; default: what discovery learns).")
  List<String> advertisedIps = new ArrayList<>();

  @Option(names = "--p2p-peer-lower-bound", paramLabel = "<INTEGER>", converter = Converters.Count.class,
      description = "Below this many peers, look for more (default: ${DEFAULT-VALUE}).")
  int peerLowerBound = DEFAULT_PEER_LOWER_BOUND;

  @Option(names = "--p2p-peer-upper-bound", paramLabel = "<INTEGER>", converter = Converters.Count.class,
      description = "Above this many peers, disconnect some (default: ${DEFAULT-VALUE}).")
  int peerUpperBound = DEFAULT_PEER_UPPER_BOUND;

  @Option(names = "--p2p-discovery-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Find peers with discv5.")
  boolean discoveryEnabled = true;

  @Option(names = "--p2p-discovery-bootnodes", paramLabel = "<enr:-...>", split = ",", arity = "0..*",
      converter = Converters.Enr.class, description = "Node records (ENRs), comma-separated, to start discovery from.")
  List<String> bootnodes = new ArrayList<>();

  @Option(names = "--p2p-discovery-site-local-addresses-enabled", paramLabel = "<BOOLEAN>", arity = "0..1",
      fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
      description = "Accept peers at private addresses (10/8, 172.16/12, 192.168/16), as in a local devnet.")
  boolean siteLocalAddressesEnabled;

  @Option(names = "--p2p-subscribe-all-subnets-enabled", paramLabel = "<BOOLEAN>", arity = "0..1",
      fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
      description = "Join every attestation subnet, not only the node id's long-lived ones and those of aggregator duties.")
  boolean subscribeAllSubnets;

  @Option(names = "--p2p-subscribe-all-custody-subnets-enabled", paramLabel = "<BOOLEAN>", arity = "0..1",
      fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
      description = "Custody every data column and join every column subnet (a supernode).")
  boolean subscribeAllCustodySubnets;

  @Option(names = "--Xp2p-private-key-file-secp256k1", paramLabel = "<FILENAME>",
      description = "The node's secp256k1 key, hex (default: a key kept in the data path).")
  Path privateKeyFile;

  P2pConfig toConfig(CommandSpec spec) {
    if (peerLowerBound > peerUpperBound) {
      throw new ParameterException(spec.commandLine(), "--p2p-peer-lower-bound " + peerLowerBound
          + " is above --p2p-peer-upper-bound " + peerUpperBound + ": the lower bound must not exceed the upper");
    }
    return new P2pConfig(enabled, interfaces, port, udpPort != null ? udpPort : port, quicPort, advertisedIps,
        peerLowerBound, peerUpperBound, discoveryEnabled, bootnodes, siteLocalAddressesEnabled,
        subscribeAllSubnets, subscribeAllCustodySubnets, Optional.ofNullable(privateKeyFile));
  }
}
