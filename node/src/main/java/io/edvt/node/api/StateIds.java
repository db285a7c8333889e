package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Resolves a {@code state_id} ({@code head}, {@code genesis}, {@code finalized}, {@code justified},
 * a slot, or a {@code 0x} state root): 400 for an id that is none of these, 404 for a well-formed
 * id of no state this node can produce.
 *
 * <p>{@code finalized} and {@code justified} are checkpoint states: the checkpoint block's
 * post-state advanced to the first slot of the checkpoint's epoch, the state fork choice itself
 * starts from. A slot without a block is the last canonical block's state advanced through the
 * empty slots, as the state transition would see it.
 */
public final class StateIds {
  private final ChainReader chain;
  private final SpecVersions versions;
  private final MultiForkStateTransition transition;

  public StateIds(ChainReader chain, SpecVersions versions) {
    this.chain = chain;
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
  }

  public Resolved<BeaconState> resolve(String stateId) {
    return switch (stateId) {
      case "head" -> {
        Bytes32 root = chain.head().root();
        yield new Resolved<>(postState(root), root, chain.isOptimistic(root), isFinalizedSlot(chain.head().slot()));
      }
      case "genesis" -> {
        BeaconState genesis = chain.genesisState().orElseThrow(() -> ApiException.notFound(
            "state genesis not found: this node started from a checkpoint and was not given the genesis state"));
        yield new Resolved<>(genesis, chain.genesisBlockRoot().orElseThrow(), false, true);
      }
      case "finalized" -> checkpointState(chain.finalizedCheckpoint(), true);
      case "justified" -> checkpointState(chain.justifiedCheckpoint(), false);
      default -> {
        if (Params.isHex(stateId)) {
          Bytes32 stateRoot = Params.root("state_id", stateId);
          Bytes32 block = chain.blockRootOfPostState(stateRoot)
              .orElseThrow(() -> ApiException.notFound("state " + stateRoot + " not found"));
          BeaconState state = postState(block);
          yield new Resolved<>(state, block, chain.isOptimistic(block), isFinalizedSlot(state.slot())
              && chain.canonicalRoot(state.latestBlockHeader().slot()).map(block::equals).orElse(false));
        }
        if (Params.isDecimal(stateId)) {
          yield atSlot(Params.uint64("state_id", stateId));
        }
        throw ApiException.badRequest("state_id '" + stateId
            + "' is not head, genesis, finalized, justified, a slot or a 0x-prefixed state root");
      }
    };
  }

  private Resolved<BeaconState> checkpointState(Checkpoint checkpoint, boolean finalized) {
    BeaconState state = advance(postState(checkpoint.root()), startSlot(checkpoint.epoch()));
    return new Resolved<>(state, checkpoint.root(), chain.isOptimistic(checkpoint.root()), finalized);
  }

  /** The canonical state at {@code slot}, which must not be after the head. */
  private Resolved<BeaconState> atSlot(UInt64 slot) {
    UInt64 headSlot = chain.head().slot();
    if (slot.isGreaterThan(headSlot)) {
      throw ApiException.notFound("state at slot " + slot + " not found: the head is at slot " + headSlot);
    }
    UInt64 s = slot;
    while (true) {
      var root = chain.canonicalRoot(s);
      if (root.isPresent()) {
        Bytes32 block = root.get();
        return new Resolved<>(advance(postState(block), slot), block, chain.isOptimistic(block), isFinalizedSlot(slot));
      }
      if (s.isZero()) {
        throw ApiException.notFound("state at slot " + slot + " not found: no canonical block at or before it is known");
      }
      s = s.minus(1);
    }
  }

  private BeaconState postState(Bytes32 blockRoot) {
    return chain.postState(blockRoot)
        .orElseThrow(() -> ApiException.notFound("the state of block " + blockRoot + " is not available"));
  }

  private BeaconState advance(BeaconState state, UInt64 slot) {
    return state.slot().isLessThan(slot) ? transition.processSlots(state, slot) : state;
  }

  private UInt64 startSlot(UInt64 epoch) {
    return versions.fulu().misc().computeStartSlotAtEpoch(epoch);
  }

  private boolean isFinalizedSlot(UInt64 slot) {
    return !slot.isGreaterThan(startSlot(chain.finalizedCheckpoint().epoch()));
  }
}
