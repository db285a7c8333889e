package io.edvt.node.chain;

import io.edvt.forkchoice.store.ForkChoiceException;
import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.StoredBlock;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.unsigned.UInt64OverflowException;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.NewPayloadNotifier;
import io.edvt.node.execution.PayloadVerdict;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The one import pipeline for blocks from gossip, req/resp and the API. For each block, on the
 * {@link ChainThread}:
 *
 * <ol>
 *   <li>already in fork choice or being imported: {@link ImportResult.AlreadyKnown};
 *   <li>slot not started yet: {@link ImportResult.Deferred}; at or before the finalized slot:
 *       {@link ImportResult.Invalid};
 *   <li>parent unknown: into the {@link PendingBlocks} pool, {@link ImportResult.UnknownParent} with
 *       the root sync should fetch; pending children import when their parent does;
 *   <li>{@code state_transition(parent_state, block, True)} by the milestone in force (across a
 *       scheduled fork), every signature checked in one batch, the payload sent to the engine
 *       through a {@link NewPayloadNotifier}; a failed assertion is {@link ImportResult.Invalid}
 *       with the spec's condition;
 *   <li>the engine's verdict, awaited without holding the thread: {@code INVALID} is
 *       {@link ImportResult.ExecutionInvalid}, no answer is {@link ImportResult.Deferred}, valid or
 *       {@code SYNCING}/{@code ACCEPTED} (optimistic) goes on;
 *   <li>some of its custody columns missing ({@link BlockAvailability}):
 *       {@link ImportResult.AwaitingColumns}; the block waits (at most {@value #MAX_AWAITING}, for
 *       {@link ChainOptions#availabilityWaitSlots} slots) with its post-state and verdict, and goes on
 *       to fork choice once its columns are stored (no second transition or engine call), else it
 *       is dropped;
 *   <li>fork choice {@code on_block} with that post-state, then {@code on_attestation} and
 *       {@code on_attester_slashing} for the block's operations;
 *   <li>one atomic storage update and the events ({@link ChainCommitter}).
 * </ol>
 *
 * A refused block changes neither fork choice nor storage.
 */
public final class BlockImporter {
  private final ForkChoiceStore forkChoice;
  private final EngineApi engine;
  private final SlotClock clock;
  private final ChainThread thread;
  private final ChainCommitter committer;
  private final PendingBlocks pending;
  private final ImportObserver observer;
  private final Set<Bytes32> inFlight = new HashSet<>();
  /** Blocks waiting for their columns, by root, oldest first; chain thread only. */
  private final LinkedHashMap<Bytes32, Awaiting> awaiting = new LinkedHashMap<>();
  private final BlockAvailability availability;
  private final long waitSlots;
  private volatile BiConsumer<Bytes32, Set<Long>> columnsWanted = (root, columns) -> {};

  static final int MAX_AWAITING = 16;
  private static final System.Logger LOG = System.getLogger(BlockImporter.class.getName());

  /**
   * A valid block waiting for its columns, with its post-state and payload verdict: once the
   * columns are in it goes straight to fork choice, without a second state transition or engine
   * call (at most {@value #MAX_AWAITING} post-states, which share most of their tree with the head).
   */
  private record Awaiting(SignedBeaconBlock block, BeaconState post, boolean optimistic, long untilSlot) {}

  BlockImporter(ForkChoiceStore forkChoice, EngineApi engine, SlotClock clock, ChainThread thread,
      ChainCommitter committer, PendingBlocks pending, ImportObserver observer, BlockAvailability availability, long waitSlots) {
    this.availability = availability;
    this.waitSlots = waitSlots;
    availability.onStored(root -> {
      try {
        thread.submit(() -> {
          retryIfAvailable(root);
          return null;
        });
      } catch (RuntimeException e) {
        // the chain is closing: nothing waits any more
      }
    });
    this.forkChoice = forkChoice;
    this.engine = engine;
    this.clock = clock;
    this.thread = thread;
    this.committer = committer;
    this.pending = pending;
    this.observer = observer;
  }

  /**
   * Imports {@code block}, received from {@code source}; the future completes once it is imported
   * (the head updated) or refused (or parked as pending). Any thread may call this; the work runs
   * on the chain thread. An imported block's time since this call goes to the {@link ImportObserver}.
   */
  public CompletableFuture<ImportResult> importBlock(SignedBeaconBlock block, BlockSource source) {
    long received = System.nanoTime();
    return submit(block).whenComplete((result, failure) -> {
      if (result instanceof ImportResult.Imported) {
        observer.imported(source, System.nanoTime() - received);
      }
    });
  }

  private CompletableFuture<ImportResult> submit(SignedBeaconBlock block) {
    return thread.submit(() -> start(block)).thenCompose(f -> f);
  }

  /**
   * {@code listener} is told, on the chain thread, each block that waits for columns and which of
   * its custody columns are missing (sync fetches them from peers).
   */
  public void onColumnsWanted(BiConsumer<Bytes32, Set<Long>> listener) {
    columnsWanted = listener;
  }

  /** The roots of the blocks waiting for their columns. */
  public CompletableFuture<List<Bytes32>> awaitingColumns() {
    return thread.submit(() -> List.copyOf(awaiting.keySet()));
  }

  private void retryIfAvailable(Bytes32 root) {
    thread.checkOnThread();
    Awaiting waiting = awaiting.get(root);
    if (waiting != null && availability.missingColumns(waiting.block()).isEmpty()) {
      awaiting.remove(root);
      ImportResult result = admit(waiting.block(), root, waiting.post(), waiting.optimistic());
      if (!(result instanceof ImportResult.Imported)) {
        LOG.log(System.Logger.Level.WARNING, "Block slot {0} root {1}: its columns came, but it was not imported: {2}",
            waiting.block().message().slot(), root, result);
      }
    }
  }

  /** Drops the blocks that waited for their columns past their last slot. */
  private void dropExpired(long currentSlot) {
    for (var it = awaiting.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (entry.getValue().untilSlot() < currentSlot) {
        it.remove();
        LOG.log(System.Logger.Level.WARNING, "Block slot {0} root {1} dropped: its data columns did not come within {2} slots",
            entry.getValue().block().message().slot(), entry.getKey(), waitSlots);
      }
    }
  }

  /** The roots sync should fetch by root: the missing parents of the pending blocks. */
  public CompletableFuture<List<Bytes32>> missingRoots() {
    return thread.submit(pending::missingRoots);
  }

  /** The number of blocks waiting for their parent. */
  public CompletableFuture<Integer> pendingCount() {
    return thread.submit(pending::size);
  }

  private CompletableFuture<ImportResult> start(SignedBeaconBlock block) {
    thread.checkOnThread();
    Bytes32 root = block.message().hashTreeRoot();
    long slot = block.message().slot().longValue();
    if (forkChoice.containsBlock(root) || inFlight.contains(root)) {
      return done(new ImportResult.AlreadyKnown(root));
    }
    forkChoice.onTick(clock.nowSeconds().max(forkChoice.time()));
    if (slot > forkChoice.currentSlot().longValue()) {
      return done(new ImportResult.Deferred(root, "slot " + slot + " has not started (current slot "
          + forkChoice.currentSlot() + ")"));
    }
    long finalizedSlot = forkChoice.finalizedCheckpoint().epoch().longValue() * clock.slotsPerEpoch();
    if (slot <= finalizedSlot) {
      return done(new ImportResult.Invalid(root, "block.slot > finalized_slot",
          "slot " + slot + " is not after the finalized slot " + finalizedSlot));
    }
    StoredBlock parent = forkChoice.block(block.message().parentRoot());
    if (parent == null) {
      if (pending.contains(root)) {
        return done(new ImportResult.AlreadyKnown(root));
      }
      pending.prune(forkChoice.currentSlot().longValue());
      boolean queued = pending.add(root, block, forkChoice.currentSlot().longValue());
      return done(new ImportResult.UnknownParent(root, block.message().parentRoot(), queued));
    }
    BeaconState post;
    NewPayloadNotifier notifier = new NewPayloadNotifier(engine);
    try {
      post = forkChoice.stateTransition(parent.state(), block, new SignatureVerifier.Batch(), notifier);
    } catch (StateTransitionException | UInt64OverflowException | BlsException e) {
      return done(new ImportResult.Invalid(root, "state_transition(state, signed_block, True)", String.valueOf(e.getMessage())));
    }
    inFlight.add(root);
    return notifier.verdict()
        .thenApplyAsync(verdict -> finish(block, root, post, verdict), thread)
        .whenCompleteAsync((r, e) -> inFlight.remove(root), thread);
  }

  private ImportResult finish(SignedBeaconBlock block, Bytes32 root, BeaconState post, PayloadVerdict verdict) {
    thread.checkOnThread();
    boolean optimistic;
    switch (verdict) {
      case PayloadVerdict.Valid v -> optimistic = false;
      case PayloadVerdict.Optimistic o -> optimistic = true;
      case PayloadVerdict.Invalid i -> {
        return new ImportResult.ExecutionInvalid(root, i.status().status() + i.status().validationError().map(m -> ": " + m).orElse(""));
      }
      case PayloadVerdict.Unavailable u -> {
        return new ImportResult.Deferred(root, "execution engine: " + u.failure());
      }
    }
    return admit(block, root, post, optimistic);
  }

  /** A valid block with its post-state into fork choice, once its custody columns are held; else it waits for them. */
  private ImportResult admit(SignedBeaconBlock block, Bytes32 root, BeaconState post, boolean optimistic) {
    if (forkChoice.containsBlock(root)) {
      return new ImportResult.AlreadyKnown(root);
    }
    dropExpired(forkChoice.currentSlot().longValue());
    Set<Long> missing = availability.missingColumns(block);
    if (!missing.isEmpty()) {
      // valid, but is_data_available would fail: it waits for its columns (sync fetches them)
      awaiting.remove(root);
      awaiting.put(root, new Awaiting(block, post, optimistic, forkChoice.currentSlot().longValue() + waitSlots));
      while (awaiting.size() > MAX_AWAITING) {
        awaiting.remove(awaiting.keySet().iterator().next());
      }
      columnsWanted.accept(root, missing);
      return new ImportResult.AwaitingColumns(root, missing);
    }
    try {
      forkChoice.onTick(clock.nowSeconds().max(forkChoice.time()));
      forkChoice.onBlock(block, post);
    } catch (ForkChoiceException e) {
      return new ImportResult.Invalid(root, e.reason().name(), e.getMessage());
    }
    applyBlockOperations(block);
    committer.blockImported(block, root, post, optimistic);
    for (SignedBeaconBlock child : pending.takeChildrenOf(root)) {
      submit(child); // not timed: its wait for the parent is not import work
    }
    return new ImportResult.Imported(root, block.message().slot().longValue(), optimistic);
  }

  /**
   * The block's attestations and attester slashings into fork choice (as the spec's tests do after
   * {@code on_block}). They were valid in the block; one that fork choice refuses (its target not
   * known here, say) is only not counted.
   */
  private void applyBlockOperations(SignedBeaconBlock block) {
    for (Attestation attestation : block.message().body().attestations()) {
      try {
        forkChoice.onAttestation(attestation, true);
      } catch (ForkChoiceException e) {
        // not counted: see above
      }
    }
    for (AttesterSlashing slashing : block.message().body().attesterSlashings()) {
      try {
        forkChoice.onAttesterSlashing(slashing);
      } catch (ForkChoiceException e) {
        // not counted
      }
    }
  }

  private static CompletableFuture<ImportResult> done(ImportResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
