package io.edvt.node.config;

import io.edvt.spec.config.SpecConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain the node follows.
 *
 * @param name what {@code --network} said: a built-in network ({@code minimal}, {@code mainnet})
 *     or the config file's path as written
 * @param configFile the config file, for a network given by path
 * @param spec the preset and config, with EDVT's keys
 * @param ignoredConfigKeys keys of the config file this client does not know, skipped (the user
 *     was warned once)
 * @param genesisState {@code --genesis-state}: the SSZ genesis state; without it a built-in
 *     network has no genesis and the node needs a checkpoint sync
 */
public record NetworkConfig(
    String name, Optional<Path> configFile, SpecConfig spec, List<String> ignoredConfigKeys, Optional<Path> genesisState) {
  public NetworkConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(spec, "spec");
    ignoredConfigKeys = List.copyOf(ignoredConfigKeys);
    Objects.requireNonNull(genesisState, "genesisState");
  }
}
