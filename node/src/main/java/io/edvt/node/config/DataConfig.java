package io.edvt.node.config;

import io.edvt.node.storage.StorageMode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the node keeps its data and what it keeps.
 *
 * @param dataPath {@code --data-path}: the node's folder (database, logs, node key)
 * @param storageMode {@code --data-storage-mode}: ARCHIVE or PRUNE
 * @param storeNonCanonicalBlocks {@code --data-storage-non-canonical-blocks-enabled}: keep blocks
 *     that lost fork choice
 */
public record DataConfig(Path dataPath, StorageMode storageMode, boolean storeNonCanonicalBlocks) {
  public DataConfig {
    Objects.requireNonNull(dataPath, "dataPath");
    Objects.requireNonNull(storageMode, "storageMode");
  }

  /** The chain database's folder, {@code <data-path>/beacon} (Teku's layout, so volumes carry over). */
  public Path beaconDirectory() {
    return dataPath.resolve("beacon");
  }

  /** Where log files go unless {@code --log-file} says otherwise: {@code <data-path>/logs}. */
  public Path logDirectory() {
    return dataPath.resolve("logs");
  }
}
