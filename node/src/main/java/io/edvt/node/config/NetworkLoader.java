package io.edvt.node.config;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigException;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resolves {@code --network}: a built-in network by name, or a network config file by path.
 *
 * <p>Built-in networks load strictly. A file is what a devnet generator wrote for every client,
 * so keys this client does not know are skipped with one warning that lists them; EDVT keys it
 * leaves out take the built-in values of its preset base (EDVT not scheduled, the built-in
 * version and leader timeout). The presets themselves are always our own files, read strictly.
 */
public final class NetworkLoader {
  private NetworkLoader() {}

  /**
   * The network {@code network} names, with {@code genesisState} ({@code --genesis-state}).
   *
   * @param warn receives the one warning about skipped keys, if there are any
   * @throws ConfigException naming {@code --network} and the problem
   */
  public static NetworkConfig load(String network, Optional<Path> genesisState, Consumer<String> warn) {
    if (SpecConfigLoader.BUILT_IN_NETWORKS.contains(network)) {
      return new NetworkConfig(network, Optional.empty(), EdvtConfig.load(network), List.of(), genesisState);
    }
    Path file = Path.of(network);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--network " + network + ": neither a built-in network ("
          + String.join(", ", SpecConfigLoader.BUILT_IN_NETWORKS) + ") nor a config.yaml file");
    }
    SpecConfigLoader.TolerantLoad loaded;
    try {
      loaded = EdvtConfig.loadTolerant(file);
    } catch (SpecConfigException e) {
      throw new ConfigException("--network " + e.getMessage(), e);
    }
    if (!loaded.unknownKeys().isEmpty()) {
      warn.accept("--network " + network + ": ignoring " + loaded.unknownKeys().size()
          + " config key(s) this client does not know: " + String.join(", ", loaded.unknownKeys()));
    }
    SpecConfig spec = loaded.config();
    return new NetworkConfig(network, Optional.of(file), spec, loaded.unknownKeys(), genesisState);
  }
}
