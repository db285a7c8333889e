package io.edvt.node.storage;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One atomic change of a {@link ChainStorage}: everything recorded here is written by
 * {@link #commit()} as one write batch, or not at all. Recording checks nothing against the
 * database; {@code commit} does, and refuses (with {@link IllegalArgumentException}, writing
 * nothing) an update that would break the database's invariants:
 *
 * <ul>
 *   <li>every hot block's parent is a hot block or the anchor's;
 *   <li>the canonical index is the head's ancestry (and the anchor's below it);
 *   <li>the anchor's block and state exist, and the head descends from the anchor.
 * </ul>
 *
 * <p>Not thread-safe; one update is used once.
 */
public interface ChainUpdate {
  /** Stores a block after the anchor (a hot block), keyed by its root. */
  ChainUpdate putBlock(SignedBeaconBlock block);

  /**
   * Stores a hot state: the post-state of a stored block, or that state advanced through empty
   * slots. Which states to keep is the chain's choice (say the first state of each epoch, as
   * Lighthouse does): any other is one {@link ChainStorage#replayToBlock} away. Hot states are
   * deleted when finalization passes them or their block leaves the chain.
   */
  ChainUpdate putState(BeaconState state);

  /** Deletes a hot state the chain no longer wants (a no-op for an unknown root). */
  ChainUpdate deleteState(Bytes32 stateRoot);

  /**
   * Makes {@code blockRoot} (a stored hot block, or the anchor's) the head: the canonical index
   * becomes its ancestry, slots after it are cleared.
   */
  ChainUpdate setHead(Bytes32 blockRoot);

  /** Stores the justified checkpoint (for the API and to check the anchor's at a restart). */
  ChainUpdate setJustified(Checkpoint justified);

  /**
   * Moves the anchor to a newer finalized checkpoint, whose block is a hot block (or the anchor's
   * own, for a newer checkpoint of the same block). In the same batch: the newly finalized blocks
   * (the new anchor's ancestry) enter the canonical index for good; hot blocks and states that do
   * not descend from the new anchor are deleted, and so are hot states at or before it (ARCHIVE
   * keeps one per interval as finalized states); PRUNE deletes the previous finalized state and the
   * finalized blocks older than the retention window.
   */
  ChainUpdate setFinalized(Anchor anchor);

  /**
   * Writes everything recorded, atomically. Updates that move the anchor are synced to disk
   * before this returns; others reach the write-ahead log (they survive a crash of the process,
   * and a power loss may take the last ones back to an earlier consistent update).
   *
   * @throws IllegalArgumentException if the update would break an invariant (nothing is written)
   * @throws StorageException if the write fails
   */
  void commit();
}
