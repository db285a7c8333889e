package io.edvt.node.storage.kv;

import java.util.Map;

/**
 * The key-value store under {@link KvChainStorage}: the columns of {@link Column}, snapshots for
 * reading and atomic batches for writing. RocksDB in a node, sorted maps in memory for tests: the
 * chain logic above is the same code for both.
 */
public interface KvStore extends AutoCloseable {
  /** A snapshot to read from; close it after use. */
  KvReader reader();

  /** Whether the store has {@code column} (a database of an earlier build opened read-only may lack a later one). */
  default boolean has(Column column) {
    return true;
  }

  /**
   * Applies {@code batch} atomically: after a crash the store has all of it or none of it.
   *
   * @param sync whether to wait until the batch is on stable storage (not only in the OS's cache)
   */
  void write(KvBatch batch, boolean sync);

  /** The approximate bytes each column takes (on disk for RocksDB, keys and values in memory). */
  Map<Column, Long> sizes();

  @Override
  void close();
}
