package io.edvt.node.chain;

import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.node.time.SlotClock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The running chain, as {@link ChainLoader} hands it to the node: the importer, the event
 * publisher, the head, and the slot hook. Fork choice stays on the {@link ChainThread}; the only
 * way to read it is {@link #readForkChoice}, which runs the reader there.
 */
public final class Chain implements AutoCloseable {
  private final ForkChoiceStore forkChoice;
  private final ChainThread thread;
  private final ChainEventPublisher events;
  private final ChainCommitter committer;
  private final BlockImporter importer;
  private final SlotClock clock;

  Chain(ForkChoiceStore forkChoice, ChainThread thread, ChainEventPublisher events, ChainCommitter committer,
      BlockImporter importer, SlotClock clock) {
    this.forkChoice = forkChoice;
    this.thread = thread;
    this.events = events;
    this.committer = committer;
    this.importer = importer;
    this.clock = clock;
  }

  public BlockImporter importer() {
    return importer;
  }

  public ChainEventPublisher events() {
    return events;
  }

  /** The head as of the last import or tick; any thread may call this. */
  public ChainHead head() {
    return committer.head();
  }

  /**
   * The slot-start hook for {@link io.edvt.node.time.SlotTicker}: fork choice's {@code on_tick}
   * with the clock's time, then storage and listeners follow whatever moved (the checkpoints pulled
   * up at an epoch start, a head that changes once the proposer boost ends).
   */
  public CompletableFuture<Void> onSlot(long slot) {
    return thread.submit(() -> {
      forkChoice.onTick(clock.nowSeconds().max(forkChoice.time()));
      committer.tick();
      return null;
    });
  }

  /** Runs {@code reader} on the chain thread with the fork-choice store (read it; do not change it). */
  public <T> CompletableFuture<T> readForkChoice(Function<ForkChoiceStore, T> reader) {
    return thread.submit(() -> reader.apply(forkChoice));
  }

  /** Lets queued imports finish, then stops the chain and events threads (storage is the caller's to close). */
  @Override
  public void close() {
    thread.close();
    events.close();
  }
}
