package io.edvt.node.chain;

import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.StoredBlock;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ChainUpdate;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Makes storage and the listeners follow fork choice after it changed (a block imported, or a tick
 * that pulled up the checkpoints): one atomic storage update with the new block, its post-state
 * when the hot-state policy keeps it, the head, and the justified and finalized checkpoints when
 * they moved; then the events and log lines. Chain thread only.
 *
 * <p>Hot-state policy: the post-state of the first block of each epoch on its branch (its parent is
 * in an earlier epoch) is stored, so any other hot state is at most an epoch of replay away
 * ({@link ChainStorage#replayToBlock}); the anchor's state is kept by storage itself.
 */
final class ChainCommitter {
  private final ForkChoiceStore forkChoice;
  private final ChainStorage storage;
  private final ChainEventPublisher events;
  private final LongUnaryOperator epochOfSlot;
  private final Set<Bytes32> optimistic = new HashSet<>();
  private volatile ChainHead head;
  private Checkpoint storedJustified;
  private Checkpoint storedFinalized;

  ChainCommitter(ForkChoiceStore forkChoice, ChainStorage storage, ChainEventPublisher events,
      LongUnaryOperator epochOfSlot) {
    this.forkChoice = forkChoice;
    this.storage = storage;
    this.events = events;
    this.epochOfSlot = epochOfSlot;
    this.storedJustified = storage.justifiedCheckpoint();
    this.storedFinalized = storage.finalizedCheckpoint();
    this.head = headOf(forkChoice.getHead());
  }

  /** The head as of the last commit; any thread may read it. */
  ChainHead head() {
    return head;
  }

  boolean isOptimistic(Bytes32 root) {
    return optimistic.contains(root);
  }

  /**
   * Stores {@code block} (just added to fork choice with {@code post}) with whatever fork choice
   * changed, then tells the listeners.
   */
  void blockImported(SignedBeaconBlock block, Bytes32 root, BeaconState post, boolean optimisticImport) {
    if (optimisticImport) {
      optimistic.add(root);
    }
    ChainUpdate update = storage.update().putBlock(block);
    StoredBlock parent = forkChoice.block(block.message().parentRoot());
    boolean firstOfEpoch = parent == null
        || epochOfSlot.applyAsLong(parent.block().slot().longValue()) < epochOfSlot.applyAsLong(block.message().slot().longValue());
    if (firstOfEpoch) {
      update.putState(post);
    }
    commit(update);
    ChainLog.info(ChainLog.importedBlock(block.message(), root, post, optimisticImport));
    events.publish(l -> l.onBlockImported(new ChainEvents.BlockImported(block.message().slot().longValue(), root, optimisticImport)));
    followHead();
  }

  /** After a tick: stores checkpoints or a head that moved without a block. */
  void tick() {
    boolean moved = !forkChoice.getHead().equals(head.root())
        || forkChoice.justifiedCheckpoint().epoch().isGreaterThan(storedJustified.epoch())
        || forkChoice.finalizedCheckpoint().epoch().isGreaterThan(storedFinalized.epoch());
    if (moved) {
      commit(storage.update());
      followHead();
    }
  }

  /** Adds the head and any moved checkpoint to {@code update} and commits it. */
  private void commit(ChainUpdate update) {
    Bytes32 newHead = forkChoice.getHead();
    update.setHead(newHead);
    Checkpoint justified = forkChoice.justifiedCheckpoint();
    Checkpoint finalized = forkChoice.finalizedCheckpoint();
    boolean finalizedMoved = finalized.epoch().isGreaterThan(storedFinalized.epoch());
    if (finalizedMoved) {
      StoredBlock finalizedBlock = forkChoice.block(finalized.root());
      update.setFinalized(new Anchor(finalized, justified, finalizedBlock.block(), finalizedBlock.state()));
    } else if (justified.epoch().isGreaterThan(storedJustified.epoch())) {
      update.setJustified(justified);
    }
    update.commit();
    if (justified.epoch().isGreaterThan(storedJustified.epoch())) {
      storedJustified = justified;
    }
    if (finalizedMoved) {
      storedFinalized = finalized;
      Bytes32 stateRoot = forkChoice.block(finalized.root()).block().stateRoot();
      events.publish(l -> l.onFinalizedCheckpoint(new ChainEvents.FinalizedCheckpoint(finalized, stateRoot)));
      optimistic.removeIf(r -> !forkChoice.containsBlock(r));
    }
  }

  /** Head, reorg events and the epoch summary when fork choice's head differs from the last one. */
  private void followHead() {
    Bytes32 newRoot = forkChoice.getHead();
    if (newRoot.equals(head.root())) {
      return;
    }
    ChainHead old = head;
    head = headOf(newRoot);
    long oldEpoch = epochOfSlot.applyAsLong(old.slot());
    long newEpoch = epochOfSlot.applyAsLong(head.slot());
    Bytes32 ancestor = commonAncestor(old.root(), newRoot);
    if (!ancestor.equals(old.root())) {
      StoredBlock a = forkChoice.block(ancestor);
      long depth = old.slot() - (a == null ? 0 : a.block().slot().longValue());
      ChainEvents.ChainReorg reorg = new ChainEvents.ChainReorg(head.slot(), depth, old.root(), newRoot, ancestor, newEpoch);
      ChainLog.warn("Chain reorg at slot " + head.slot() + ", depth " + depth + ": head " + ChainLog.shortRoot(old.root())
          + " -> " + ChainLog.shortRoot(newRoot));
      events.publish(l -> l.onChainReorg(reorg));
    }
    ChainEvents.HeadChanged changed = new ChainEvents.HeadChanged(head.slot(), newRoot, head.stateRoot(),
        newEpoch != oldEpoch, head.optimistic());
    events.publish(l -> l.onHead(changed));
    if (newEpoch > oldEpoch) {
      ChainLog.info(ChainLog.epochSummary(newEpoch, head.slot(), newRoot, forkChoice.justifiedCheckpoint(),
          forkChoice.finalizedCheckpoint(), forkChoice.block(newRoot).state()));
    }
  }

  private ChainHead headOf(Bytes32 root) {
    StoredBlock b = forkChoice.block(root);
    return new ChainHead(root, b.block().slot().longValue(), b.block().stateRoot(), optimistic.contains(root));
  }

  /** The newest block both {@code a} and {@code b} descend from (or are), as far as fork choice still holds blocks. */
  private Bytes32 commonAncestor(Bytes32 a, Bytes32 b) {
    Bytes32 x = a;
    Bytes32 y = b;
    while (!x.equals(y)) {
      StoredBlock bx = forkChoice.block(x);
      StoredBlock by = forkChoice.block(y);
      if (bx == null || by == null) {
        return bx == null ? x : y;
      }
      if (bx.block().slot().isGreaterThanOrEqualTo(by.block().slot())) {
        x = bx.block().parentRoot();
      } else {
        y = by.block().parentRoot();
      }
    }
    return x;
  }
}
