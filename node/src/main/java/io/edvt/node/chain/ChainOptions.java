package io.edvt.node.chain;

/**
 * The chain's tunables.
 *
 * @param pendingMaxBlocks how many blocks with an unknown parent are kept (gossip can send any
 *     number with made-up parents)
 * @param pendingMaxAgeSlots a pending block older than this many slots is dropped
 * @param dataAvailability {@code is_data_available}: the custody columns held ({@link ColumnAvailability});
 *     every block available by default
 * @param availabilityWaitSlots how many slots a block whose columns are missing waits for them before it is dropped
 * @param forkChoicePruneThreshold fork choice prunes once the finalized block is this many nodes in
 */
public record ChainOptions(int pendingMaxBlocks, long pendingMaxAgeSlots, BlockAvailability dataAvailability,
    int forkChoicePruneThreshold, long availabilityWaitSlots) {

  /** 1024 pending blocks for up to 2 epochs of 32 slots, every block available (blocks missing columns wait 2 slots), pruning from 256 nodes. */
  public static ChainOptions defaults() {
    return new ChainOptions(1024, 64, BlockAvailability.ALWAYS, 256, 2);
  }

  public ChainOptions withPending(int maxBlocks, long maxAgeSlots) {
    return new ChainOptions(maxBlocks, maxAgeSlots, dataAvailability, forkChoicePruneThreshold, availabilityWaitSlots);
  }

  public ChainOptions withDataAvailability(BlockAvailability availability) {
    return new ChainOptions(pendingMaxBlocks, pendingMaxAgeSlots, availability, forkChoicePruneThreshold, availabilityWaitSlots);
  }
}
