package io.edvt.node.cli.beacon;

import io.edvt.node.config.NetworkConfig;
import io.edvt.node.config.NetworkLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code --network} and {@code --genesis-state}. */
final class NetworkFlags {
  @Option(names = {"-n", "--network"}, paramLabel = "<NETWORK>",
      description = "Built-in network (minimal, mainnet) or the path of a network config.yaml, as a devnet generator "
          + "writes it (default: ${DEFAULT-VALUE}).")
  String network = "mainnet";

  @Option(names = "--genesis-state", paramLabel = "<FILE>",
      description = "The genesis state, SSZ (.ssz_snappy: snappy compressed), of the fork the network has at its slot.")
  Path genesisState;

  NetworkConfig toConfig(Consumer<String> warn) {
    return NetworkLoader.load(network, Optional.ofNullable(genesisState), warn);
  }
}
