package io.edvt.node.storage;

/**
 * What a node keeps of the finalized chain. A database is created in one mode and opened only in
 * that mode: switching would leave an ARCHIVE database with gaps, or keep what PRUNE promised to
 * delete.
 */
public enum StorageMode {
  /**
   * Every finalized block, and a finalized state at every {@link StorageOptions#archiveIntervalSlots()}
   * (the first one stored in each interval) besides the latest: any historical state is one of them
   * plus the canonical blocks after it.
   */
  ARCHIVE,
  /**
   * Only the latest finalized state, and the finalized blocks the node must serve to peers (the
   * last {@link StorageOptions#blockRetentionEpochs()} epochs before the finalized checkpoint,
   * {@code MIN_EPOCHS_FOR_BLOCK_REQUESTS} by default).
   */
  PRUNE
}
