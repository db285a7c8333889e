package io.edvt.node.storage;

import static org.assertj.core.api.Assertions.fail;

import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.storage.rocksdb.RocksDbChainStorage;
import io.edvt.spec.edvt.SpecVersions;
import java.nio.file.Path;

/** The two implementations, for tests that run on both. */
public enum Backend {
  MEMORY,
  ROCKSDB;

  /** A new store in {@code dir} (RocksDB) holding {@code anchor}. */
  public ChainStorage create(Path dir, SpecVersions versions, StorageOptions options, Anchor anchor) {
    return switch (this) {
      case MEMORY -> InMemoryChainStorage.create(versions, options, anchor);
      case ROCKSDB -> RocksDbChainStorage.open(dir, versions, NetworkIdentity.of(anchor.state()), options, () -> anchor);
    };
  }

  /** {@code store} closed and opened again from its folder (the same store in memory). */
  public ChainStorage reopen(ChainStorage store, Path dir, SpecVersions versions, StorageOptions options) {
    return switch (this) {
      case MEMORY -> store;
      case ROCKSDB -> {
        store.close();
        yield RocksDbChainStorage.open(dir, versions, store.metadata().network(), options,
            () -> fail("the database in " + dir + " was expected to exist"));
      }
    };
  }
}
