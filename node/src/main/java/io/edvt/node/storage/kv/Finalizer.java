package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Moves the anchor to a newer finalized checkpoint, in the commit's batch:
 *
 * <ol>
 *   <li>the new anchor's ancestry back to the old anchor is finalized: those blocks leave the hot
 *       tree and the canonical index gets them for good;
 *   <li>hot blocks that do not descend from the new anchor (or sit at or before its finalized
 *       slot) are deleted, with their canonical entries and states;
 *   <li>hot states at or before the new anchor are deleted, except ARCHIVE's interval states on the
 *       finalized chain, which become finalized states; the new anchor state is a finalized state;
 *   <li>PRUNE deletes the older finalized states and the finalized blocks before the retention
 *       window; ARCHIVE keeps the old anchor state only if it is its interval's first.
 * </ol>
 */
final class Finalizer {
  private final CommitContext ctx;
  private final StorageOptions options;

  Finalizer(CommitContext ctx, StorageOptions options) {
    this.ctx = ctx;
    this.options = options;
  }

  void apply(Anchor next) {
    AnchorRecord previous = ctx.anchor;
    Checkpoint checkpoint = next.finalized();
    Bytes32 root = checkpoint.root();
    checkEpochs(previous.finalized(), checkpoint);
    UInt64 finalizedSlot = ctx.finalizedSlot(next.block().slot(), checkpoint.epoch());
    Bytes32 stateRoot = next.state().hashTreeRoot();
    UInt64 stateSlot = next.state().slot();
    if (stateSlot.isGreaterThan(finalizedSlot)) {
      throw new IllegalArgumentException("the anchor state is at slot " + stateSlot + ", after the finalized checkpoint's slot "
          + finalizedSlot);
    }

    // 1. the newly finalized chain
    Map<Bytes32, HotBlock> hot = new HashMap<>();
    List<HotBlock> hotBySlot = ctx.hotBlocks();
    hotBySlot.forEach(h -> hot.put(h.root(), h));
    Set<Bytes32> finalizedNow = new HashSet<>();
    for (Bytes32 cursor = root; !cursor.equals(previous.root()); ) {
      HotBlock block = hot.get(cursor);
      if (block == null) {
        throw new IllegalArgumentException(cursor.equals(root)
            ? "the finalized block " + root + " is not a stored hot block"
            : "the finalized block " + root + " does not descend from the previous one " + previous.root());
      }
      finalizedNow.add(cursor);
      ctx.batch.delete(Column.HOT_BLOCKS, Keys.root(cursor));
      ctx.batch.put(Column.CANONICAL, Keys.slot(block.slot()), Keys.root(cursor));
      cursor = block.parentRoot();
    }

    // 2. the hot blocks that stay: descendants of the new anchor after its finalized slot
    Set<Bytes32> kept = new HashSet<>();
    for (HotBlock block : hotBySlot) {
      if (finalizedNow.contains(block.root())) {
        continue;
      }
      boolean descends = block.parentRoot().equals(root) || kept.contains(block.parentRoot());
      if (descends && block.slot().isGreaterThan(finalizedSlot)) {
        kept.add(block.root());
      } else {
        ctx.batch.delete(Column.HOT_BLOCKS, Keys.root(block.root()));
        ctx.batch.delete(Column.BLOCKS, Keys.root(block.root()));
      }
    }
    byte[] afterPrevious = Keys.slotAfter(previous.block().slot());
    if (afterPrevious != null) {
      for (Map.Entry<byte[], byte[]> entry : ctx.batch.scan(ctx.reader, Column.CANONICAL, afterPrevious, null).entrySet()) {
        Bytes32 canonical = Keys.root(entry.getValue());
        if (!finalizedNow.contains(canonical) && !kept.contains(canonical)) {
          ctx.batch.delete(Column.CANONICAL, entry.getKey());
        }
      }
    }

    // 3. hot states
    List<HotState> candidates = new ArrayList<>();
    boolean anchorStateStored = stateRoot.equals(previous.stateRoot());
    for (HotState state : ctx.hotStates()) {
      byte[] key = Keys.root(state.root());
      if (state.root().equals(stateRoot)) {
        ctx.batch.delete(Column.HOT_STATES, key);
        anchorStateStored = true;
      } else if (kept.contains(state.blockRoot()) || state.blockRoot().equals(root) && state.slot().isGreaterThan(stateSlot)) {
        continue;
      } else if (options.mode() == StorageMode.ARCHIVE && state.slot().isLessThan(stateSlot)
          && (finalizedNow.contains(state.blockRoot()) || state.blockRoot().equals(previous.root()))) {
        ctx.batch.delete(Column.HOT_STATES, key);
        candidates.add(state);
      } else {
        ctx.batch.delete(Column.HOT_STATES, key);
        ctx.batch.delete(Column.STATES, key);
      }
    }
    if (!anchorStateStored) {
      ctx.batch.put(Column.STATES, Keys.root(stateRoot), ctx.codec.encodeState(next.state()));
    }
    ctx.batch.put(Column.FINALIZED_STATES, Keys.slot(stateSlot), Keys.root(stateRoot));

    // 4. finalized states and blocks by mode
    if (!previous.stateRoot().equals(stateRoot)) {
      switch (options.mode()) {
        case ARCHIVE -> thinArchive(previous, candidates);
        case PRUNE -> deleteFinalizedStatesBefore(stateSlot);
      }
    }
    if (options.mode() == StorageMode.PRUNE) {
      deleteBlocksBeforeRetention(next);
    }

    ctx.anchor = new AnchorRecord(checkpoint, stateRoot, stateSlot, next.block());
    ctx.batch.put(Column.CHAIN, ChainKeys.ANCHOR, ctx.anchor.value(ctx.codec));
    ctx.batch.put(Column.CHAIN, ChainKeys.JUSTIFIED, next.justified().serialize());
  }

  private static void checkEpochs(Checkpoint previous, Checkpoint next) {
    if (next.epoch().isLessThan(previous.epoch())) {
      throw new IllegalArgumentException("the finalized checkpoint cannot go back from epoch " + previous.epoch() + " to "
          + next.epoch());
    }
    if (next.epoch().equals(previous.epoch()) && !next.root().equals(previous.root())) {
      throw new IllegalArgumentException("two finalized checkpoints of epoch " + next.epoch() + ": " + previous.root() + " and "
          + next.root());
    }
  }

  /**
   * ARCHIVE: of the previous anchor state and the finalized chain's hot states before the new
   * anchor, keeps the first of each interval of {@link StorageOptions#archiveIntervalSlots()}
   * slots that has none yet.
   */
  private void thinArchive(AnchorRecord previous, List<HotState> candidates) {
    long interval = options.archiveIntervalSlots();
    long lastBucket = -1;
    if (previous.stateSlot().isGreaterThan(UInt64.ZERO)) {
      KvReader.Entry below = ctx.reader.floor(Column.FINALIZED_STATES, Keys.slot(previous.stateSlot().minus(1)));
      if (below != null) {
        lastBucket = Long.divideUnsigned(Keys.slot(below.key()).longValue(), interval);
      }
    }
    List<HotState> ordered = new ArrayList<>(candidates);
    ordered.add(new HotState(previous.stateRoot(), previous.stateSlot(), previous.root()));
    ordered.sort(Comparator.comparing(HotState::slot));
    for (HotState state : ordered) {
      long bucket = Long.divideUnsigned(state.slot().longValue(), interval);
      if (bucket != lastBucket) {
        ctx.batch.put(Column.FINALIZED_STATES, Keys.slot(state.slot()), Keys.root(state.root()));
        lastBucket = bucket;
      } else {
        ctx.batch.delete(Column.STATES, Keys.root(state.root()));
        if (state.root().equals(previous.stateRoot())) {
          ctx.batch.delete(Column.FINALIZED_STATES, Keys.slot(state.slot()));
        }
      }
    }
  }

  /** PRUNE: only the new anchor's state stays. */
  private void deleteFinalizedStatesBefore(UInt64 stateSlot) {
    for (Map.Entry<byte[], byte[]> entry : ctx.batch.scan(ctx.reader, Column.FINALIZED_STATES, null, Keys.slot(stateSlot))
        .entrySet()) {
      ctx.batch.delete(Column.FINALIZED_STATES, entry.getKey());
      ctx.batch.delete(Column.STATES, entry.getValue());
    }
  }

  /**
   * PRUNE: deletes the canonical blocks before the start of epoch {@code finalized epoch -
   * retention} (never the anchor's), so what peers may ask for ({@code MIN_EPOCHS_FOR_BLOCK_REQUESTS}
   * back from the current epoch, which is at or after the finalized one) stays.
   */
  private void deleteBlocksBeforeRetention(Anchor next) {
    UInt64 epoch = next.finalized().epoch().minusMinZero(UInt64.valueOf(options.blockRetentionEpochs()));
    UInt64 horizon = ctx.versions.fulu().misc().computeStartSlotAtEpoch(epoch).min(next.block().slot());
    for (Map.Entry<byte[], byte[]> entry : ctx.batch.scan(ctx.reader, Column.CANONICAL, null, Keys.slot(horizon)).entrySet()) {
      ctx.batch.delete(Column.CANONICAL, entry.getKey());
      ctx.batch.delete(Column.BLOCKS, entry.getValue());
    }
  }
}
