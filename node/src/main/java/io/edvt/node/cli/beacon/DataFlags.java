package io.edvt.node.cli.beacon;

import io.edvt.node.config.DataConfig;
import io.edvt.node.storage.StorageMode;
import java.nio.file.Path;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code --data-*}. */
final class DataFlags {
  /** Teku's default folder name under the user's home, with our name. */
  static final Path DEFAULT_DATA_PATH = Path.of(System.getProperty("user.home", "."), ".local", "share", "edvt");

  @Option(names = {"--data-path", "--data-base-path"}, paramLabel = "<PATH>",
      description = "The node's folder: database (beacon/), logs (logs/), node key (default: ~/.local/share/edvt).")
  Path dataPath = DEFAULT_DATA_PATH;

  @Option(names = "--data-storage-mode", paramLabel = "<MODE>",
      description = "What is kept of the finalized chain: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  StorageMode storageMode = StorageMode.PRUNE;

  @Option(names = "--data-storage-non-canonical-blocks-enabled", paramLabel = "<BOOLEAN>", arity = "0..1",
      fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
      description = "Keep blocks that lost fork choice.")
  boolean storeNonCanonicalBlocks;

  DataConfig toConfig() {
    return new DataConfig(dataPath, storageMode, storeNonCanonicalBlocks);
  }
}
