package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The store facts gossip validation reads, and nothing more: the node implements it over fork
 * choice and its state cache, the reference-test executor over the vector's blocks, so the
 * validators depend on neither fork choice nor gossipsub.
 *
 * <p>Spec names: {@link #block} is {@code store.blocks}, {@link #blockState} is
 * {@code store.block_states} (present only for blocks that passed validation),
 * {@link #payloadStatus} is {@code block_payload_statuses}, {@link #checkpointBlock} is
 * {@code get_checkpoint_block}.
 */
public interface ChainView {
  /** A block of the store: its slot and parent. */
  record BlockInfo(UInt64 slot, Bytes32 parentRoot) {}

  /** {@code store.finalized_checkpoint}. */
  Checkpoint finalizedCheckpoint();

  /** {@code store.blocks[root]}: the block if it has been seen (valid or not). */
  Optional<BlockInfo> block(Bytes32 root);

  /** {@code store.block_states[root]}: the post-state of a block that passed validation. */
  Optional<BeaconState> blockState(Bytes32 root);

  /** Whether the block passed validation ({@code root in store.block_states}). */
  default boolean isValidated(Bytes32 root) {
    return blockState(root).isPresent();
  }

  /** The execution-payload status of a block ({@link PayloadStatus#NOT_VALIDATED} when unknown). */
  default PayloadStatus payloadStatus(Bytes32 root) {
    return PayloadStatus.NOT_VALIDATED;
  }

  /**
   * {@code get_ancestor(store, root, slot)}: the block at or before {@code slot} on {@code root}'s
   * chain; empty when the walk leaves the store. The default walks parent links; a node answers
   * from its proto-array.
   */
  default Optional<Bytes32> ancestor(Bytes32 root, UInt64 slot) {
    Bytes32 current = root;
    while (true) {
      Optional<BlockInfo> b = block(current);
      if (b.isEmpty()) {
        return Optional.empty();
      }
      if (!b.get().slot().isGreaterThan(slot)) {
        return Optional.of(current);
      }
      current = b.get().parentRoot();
    }
  }

  /** {@code get_checkpoint_block(store, root, epoch)}: the ancestor at the epoch's start slot. */
  default Optional<Bytes32> checkpointBlock(Bytes32 root, UInt64 epoch, int slotsPerEpoch) {
    return ancestor(root, epoch.times(slotsPerEpoch));
  }
}
