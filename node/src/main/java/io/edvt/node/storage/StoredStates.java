package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Any known block's post-state from storage: the genesis state (when known: a node started from a
 * checkpoint may not have it), a hot block's from its nearest
 * snapshot ({@link ChainStorage#replayToBlock}), a finalized canonical block's from the archived
 * state at or before it ({@link ChainStorage#replayToFinalizedSlot}), replayed with the real state
 * transition. Signatures and payloads were checked when the blocks were imported, so the replay
 * skips them.
 */
public final class StoredStates {
  private final ChainStorage storage;
  private final Optional<Anchor> genesis;
  private final MultiForkStateTransition transition;

  /** @param genesis the genesis anchor, empty when the node does not know the genesis state */
  public StoredStates(SpecVersions versions, ChainStorage storage, Optional<Anchor> genesis) {
    this.storage = storage;
    this.genesis = genesis;
    this.transition = new MultiForkStateTransition(versions);
  }

  /** The post-state of block {@code blockRoot}, or empty for an unknown block or a finalized side branch. */
  public Optional<BeaconState> postState(Bytes32 blockRoot) {
    if (genesis.isPresent() && blockRoot.equals(genesis.get().finalized().root())) {
      return Optional.of(genesis.get().state());
    }
    Optional<Replay> hot = storage.replayToBlock(blockRoot);
    if (hot.isPresent()) {
      return hot.map(this::replay);
    }
    return storage.block(blockRoot)
        .filter(b -> storage.canonicalRoot(b.message().slot()).map(blockRoot::equals).orElse(false))
        .flatMap(b -> storage.replayToFinalizedSlot(b.message().slot()))
        .map(this::replay);
  }

  private BeaconState replay(Replay replay) {
    BeaconState state = replay.state();
    for (SignedBeaconBlock block : replay.blocks()) {
      state = transition.stateTransition(state, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
    }
    return state;
  }

  /**
   * The block whose post-state has root {@code stateRoot}: the unfinalized blocks first (where
   * callers mostly look), then the canonical chain up to {@code headSlot}.
   */
  public Optional<Bytes32> blockRootOfPostState(Bytes32 stateRoot, UInt64 headSlot) {
    if (genesis.isPresent() && genesis.get().block().stateRoot().equals(stateRoot)) {
      return Optional.of(genesis.get().finalized().root());
    }
    for (SignedBeaconBlock b : storage.hotBlocks()) {
      if (b.message().stateRoot().equals(stateRoot)) {
        return Optional.of(b.message().hashTreeRoot());
      }
    }
    for (SignedBeaconBlock b : storage.canonicalBlocks(UInt64.ZERO, headSlot.longValue() + 1)) {
      if (b.message().stateRoot().equals(stateRoot)) {
        return Optional.of(b.message().hashTreeRoot());
      }
    }
    return Optional.empty();
  }
}
