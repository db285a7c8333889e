package io.edvt.node.chain;

import io.edvt.forkchoice.availability.DataAvailability;

/**
 * The chain's tunables.
 *
 * @param pendingMaxBlocks how many blocks with an unknown parent are kept (gossip can send any
 *     number with made-up parents)
 * @param pendingMaxAgeSlots a pending block older than this many slots is dropped
 * @param dataAvailability {@code is_data_available}: the data-availability sampler's answer (every
 *     block available until the node wires one in)
 * @param forkChoicePruneThreshold fork choice prunes once the finalized block is this many nodes in
 */
public record ChainOptions(int pendingMaxBlocks, long pendingMaxAgeSlots, DataAvailability dataAvailability,
    int forkChoicePruneThreshold) {

  /** 1024 pending blocks for up to 2 epochs of 32 slots, every block available, pruning from 256 nodes. */
  public static ChainOptions defaults() {
    return new ChainOptions(1024, 64, root -> true, 256);
  }

  public ChainOptions withPending(int maxBlocks, long maxAgeSlots) {
    return new ChainOptions(maxBlocks, maxAgeSlots, dataAvailability, forkChoicePruneThreshold);
  }

  public ChainOptions withDataAvailability(DataAvailability availability) {
    return new ChainOptions(pendingMaxBlocks, pendingMaxAgeSlots, availability, forkChoicePruneThreshold);
  }
}
