package io.edvt.node.storage.memory;

import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMetadata;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.kv.KvChainStorage;
import io.edvt.spec.edvt.SpecVersions;

/**
 * A {@link ChainStorage} in memory, for tests of the packages that use storage: the same schema
 * and commit logic as the RocksDB database (values go through SSZ both ways), without files.
 */
public final class InMemoryChainStorage {
  private InMemoryChainStorage() {}

  /** A new store holding only {@code anchor} (its network is the anchor state's). */
  public static ChainStorage create(SpecVersions versions, StorageOptions options, Anchor anchor) {
    InMemoryKvStore store = new InMemoryKvStore();
    StorageMetadata metadata = new StorageMetadata(StorageMetadata.FORMAT_VERSION, NetworkIdentity.of(anchor.state()),
        options.mode());
    KvChainStorage.initialize(store, versions, metadata, anchor);
    return new KvChainStorage(store, versions, metadata, options);
  }
}
