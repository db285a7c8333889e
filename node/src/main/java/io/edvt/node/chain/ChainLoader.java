package io.edvt.node.chain;

import io.edvt.forkchoice.store.ForkChoiceException;
import io.edvt.forkchoice.store.ForkChoiceOptions;
import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.votes.VoteLayers;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;

/**
 * Starts the chain from storage, at first start and at every restart alike: fork choice
 * ({@code get_forkchoice_store}) on {@link ChainStorage#anchor()}, then every hot block replayed
 * in slot order through the state transition and {@code on_block}, with its attestations. The hot
 * blocks were fully checked when first imported, so the replay skips their signatures and the
 * engine; the state roots are still checked. A node killed at any point comes back with the head
 * of its last committed import. The registry's public keys are then decompressed in the background
 * ({@link PublicKeyWarmUp}).
 */
public final class ChainLoader {
  private ChainLoader() {}

  /**
   * The chain on {@code storage}, importing through {@code engine}, on a new chain thread.
   *
   * @throws IllegalStateException if a stored hot block does not replay (the database does not
   *     match this network's rules)
   */
  public static Chain load(SpecVersions versions, ChainStorage storage, EngineApi engine, SlotClock clock,
      ChainOptions options) {
    return load(versions, storage, engine, clock, options, ImportObserver.NONE);
  }

  /** As {@link #load(SpecVersions, ChainStorage, EngineApi, SlotClock, ChainOptions)}, telling {@code observer} of each import. */
  public static Chain load(SpecVersions versions, ChainStorage storage, EngineApi engine, SlotClock clock,
      ChainOptions options, ImportObserver observer) {
    Anchor anchor = storage.anchor();
    // shared before the replay, so that every state derived from the anchor finds the warmed keys
    PublicKeyWarmUp.shareIndex(anchor.state());
    ForkChoiceStore forkChoice = replay(versions, storage, anchor, clock, options);
    ChainThread thread = new ChainThread("chain");
    ChainEventPublisher events = ChainEventPublisher.create();
    long slotsPerEpoch = clock.slotsPerEpoch();
    ChainCommitter committer = new ChainCommitter(forkChoice, storage, events, slot -> slot / slotsPerEpoch);
    PendingBlocks pending = new PendingBlocks(options.pendingMaxBlocks(), options.pendingMaxAgeSlots());
    BlockImporter importer = new BlockImporter(forkChoice, engine, clock, thread, committer, pending, observer,
        options.dataAvailability(), options.availabilityWaitSlots());
    return new Chain(forkChoice, thread, events, committer, importer, clock, PublicKeyWarmUp.start(anchor.state()));
  }

  /** The fork-choice store on the anchor with the hot blocks replayed. */
  static ForkChoiceStore replay(SpecVersions versions, ChainStorage storage, Anchor anchor, SlotClock clock,
      ChainOptions options) {
    ForkChoiceOptions forkChoiceOptions = ForkChoiceOptions.verifying(ExecutionEngine.always(true), options.dataAvailability())
        .withPruneThreshold(options.forkChoicePruneThreshold());
    ForkChoiceStore forkChoice = ForkChoiceStore.create(versions, anchor.state(), anchor.block(),
        VoteLayers.forChain(versions, anchor.state()), forkChoiceOptions);
    forkChoice.onTick(clock.nowSeconds().max(forkChoice.time()));
    for (SignedBeaconBlock block : storage.hotBlocks()) {
      UInt64 slotTime = UInt64.valueOf(clock.slotStartMillis(block.message().slot().longValue()) / 1000);
      forkChoice.onTick(slotTime.max(forkChoice.time()));
      BeaconState parent = forkChoice.block(block.message().parentRoot()).state();
      try {
        BeaconState post = forkChoice.stateTransition(parent, block, SignatureVerifier.NONE, ExecutionEngine.always(true));
        forkChoice.onBlock(block, post);
      } catch (RuntimeException e) {
        throw new IllegalStateException("stored block at slot " + block.message().slot() + " ("
            + block.message().hashTreeRoot() + ") does not replay: " + e.getMessage(), e);
      }
      for (Attestation attestation : block.message().body().attestations()) {
        try {
          forkChoice.onAttestation(attestation, true);
        } catch (ForkChoiceException e) {
          // as at import: an attestation fork choice refuses is only not counted
        }
      }
    }
    forkChoice.onTick(clock.nowSeconds().max(forkChoice.time()));
    return forkChoice;
  }
}
