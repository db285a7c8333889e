package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The node's chain on disk: blocks by root, the canonical slot index, hot states (snapshots of the
 * unfinalized part the chain chose to keep), finalized states, the fork-choice anchor and the
 * head. Every change goes through {@link #update()}: one {@link ChainUpdate} is one atomic write,
 * so a crash leaves the database as it was after some complete update, never between two.
 *
 * <p>Thread-safety: reads may run on any thread, concurrently with an update's commit, and each
 * read sees one committed version of the data (a multi-key read such as
 * {@link #canonicalBlocks} uses a snapshot). Commits are serialised.
 *
 * <p>Values are the SSZ of the spec types with the milestone they were written as, so a value is
 * always decoded with its own fork's schema, whatever the network's fork schedule says.
 */
public interface ChainStorage extends AutoCloseable {
  /** The database's format version, network and storage mode. */
  StorageMetadata metadata();

  /** A new empty update; nothing is written until its {@link ChainUpdate#commit()}. */
  ChainUpdate update();

  /** A stored block by its root (hot, or finalized and kept), or empty. */
  Optional<SignedBeaconBlock> block(Bytes32 root);

  /**
   * The root of the canonical chain's block at {@code slot}: the head's ancestor there, empty for
   * an empty slot, a slot after the head, or a pruned or not yet backfilled one. The anchor's slot
   * has the anchor's root even when only its message is stored (the genesis block).
   */
  Optional<Bytes32> canonicalRoot(UInt64 slot);

  /**
   * The canonical blocks with slots in {@code [startSlot, startSlot + count)}, ascending, each slot
   * at most once, from one snapshot (for {@code beacon_blocks_by_range}); slots whose block is not
   * stored are skipped.
   */
  List<SignedBeaconBlock> canonicalBlocks(UInt64 startSlot, long count);

  /** The lowest slot with a stored canonical block (what a peer can ask us for), or empty. */
  Optional<UInt64> earliestBlockSlot();

  /** A stored state by its root (a hot snapshot, an archived finalized state or the anchor's), or empty. */
  Optional<BeaconState> state(Bytes32 stateRoot);

  /** The fork-choice anchor: the finalized checkpoint, its block and state, and the justified checkpoint. */
  Anchor anchor();

  /** The finalized checkpoint (cheap: no state is read). */
  Checkpoint finalizedCheckpoint();

  /** The justified checkpoint last stored. */
  Checkpoint justifiedCheckpoint();

  /** The head last set with {@link ChainUpdate#setHead}, the anchor's block at first. */
  Bytes32 head();

  /**
   * The blocks after the anchor that descend from it, ascending by slot (then by root): what fork
   * choice replays on top of the anchor at a restart.
   */
  List<SignedBeaconBlock> hotBlocks();

  /**
   * The nearest stored state on the way to the state of block {@code blockRoot} (a hot snapshot
   * of it or of an ancestor, or the anchor's state) and the blocks to replay on it. Empty for a
   * block that is not a hot block nor the anchor's.
   */
  Optional<Replay> replayToBlock(Bytes32 blockRoot);

  /**
   * The nearest finalized state stored at or before {@code slot} and the canonical blocks after it
   * up to {@code slot}. Empty when no finalized state at or before {@code slot} is kept (PRUNE mode
   * below the anchor, or before a checkpoint-sync anchor). For a slot after the anchor use
   * {@link #replayToBlock}.
   */
  Optional<Replay> replayToFinalizedSlot(UInt64 slot);

  /** The bytes each column family takes on disk (for metrics), by column family name. */
  Map<String, Long> sizes();

  /** The data column sidecars held (in memory: see {@link DataColumnStore}). */
  DataColumnStore dataColumns();

  /** Closes the database; further calls fail. */
  @Override
  void close();
}
