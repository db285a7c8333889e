package io.edvt.node.chain;

import io.edvt.forkchoice.store.ForkChoiceException;
import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.operations.Attestation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The running chain, as {@link ChainLoader} hands it to the node: the importer, the event
 * publisher, the head, and the slot hook. Fork choice stays on the {@link ChainThread}; the only
 * way to read it is {@link #readForkChoice}, which runs the reader there.
 */
public final class Chain implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Chain.class.getName());
  /** Attestations of the current slot kept for the next tick, at most this many. */
  static final int MAX_DEFERRED_ATTESTATIONS = 16_384;

  private final ForkChoiceStore forkChoice;
  private final ChainThread thread;
  private final ChainEventPublisher events;
  private final ChainCommitter committer;
  private final BlockImporter importer;
  private final SlotClock clock;
  private final PublicKeyWarmUp keyWarmUp;
  /** Attestations whose slot is not over yet ({@code on_attestation} would refuse them); chain thread only. */
  private final List<Attestation> deferred = new ArrayList<>();

  Chain(ForkChoiceStore forkChoice, ChainThread thread, ChainEventPublisher events, ChainCommitter committer,
      BlockImporter importer, SlotClock clock, PublicKeyWarmUp keyWarmUp) {
    this.forkChoice = forkChoice;
    this.thread = thread;
    this.events = events;
    this.committer = committer;
    this.importer = importer;
    this.clock = clock;
    this.keyWarmUp = keyWarmUp;
  }

  /**
   * Completes when the start-up warm-up has decompressed and checked the public key of every
   * validator of the anchor state (in the background, see {@link PublicKeyWarmUp}).
   */
  public CompletableFuture<Void> publicKeysWarmedUp() {
    return keyWarmUp.done();
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
      applyDeferred();
      committer.tick();
      return null;
    });
  }

  /**
   * Fork choice's {@code on_attestation} (not from a block) on the chain thread, for an
   * attestation the caller has validated (a gossip aggregate, a single attestation turned into
   * one, our own validators' votes). The store refuses attestations of the current slot
   * ({@code get_current_slot(store) >= attestation.data.slot + 1}); as the spec's note says, those
   * are kept and applied at the next slot's tick. Completes with false when fork choice refuses the
   * attestation (unknown block, wrong target, bad signature: it then only does not count) or the
   * deferred queue is full.
   */
  public CompletableFuture<Boolean> onAttestation(Attestation attestation) {
    return thread.submit(() -> {
      if (!forkChoice.currentSlot().isGreaterThan(attestation.data().slot())) {
        if (deferred.size() >= MAX_DEFERRED_ATTESTATIONS) {
          return false;
        }
        deferred.add(attestation);
        return true;
      }
      return apply(attestation);
    });
  }

  private void applyDeferred() {
    List<Attestation> due = new ArrayList<>();
    deferred.removeIf(a -> forkChoice.currentSlot().isGreaterThan(a.data().slot()) && due.add(a));
    due.forEach(this::apply);
  }

  private boolean apply(Attestation attestation) {
    try {
      forkChoice.onAttestation(attestation, false);
      return true;
    } catch (ForkChoiceException e) {
      LOG.log(System.Logger.Level.DEBUG, "on_attestation refused slot {0}: {1}", attestation.data().slot(), e.getMessage());
      return false;
    }
  }

  /** Runs {@code reader} on the chain thread with the fork-choice store (read it; do not change it). */
  public <T> CompletableFuture<T> readForkChoice(Function<ForkChoiceStore, T> reader) {
    return thread.submit(() -> reader.apply(forkChoice));
  }

  /** Lets queued imports finish, then stops the chain and events threads (storage is the caller's to close). */
  @Override
  public void close() {
    keyWarmUp.close();
    thread.close();
    events.close();
  }
}
