package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The chain as the API sees it: a few primitives from which the API resolves every
 * {@code block_id} and {@code state_id} itself ({@link BlockIds}, {@link StateIds}). States of
 * empty slots are not asked for: the API advances the last block's state through them.
 */
public interface ChainReader {
  /** The head chosen by fork choice. */
  Head head();

  /** The chain's {@code genesis_time} and {@code genesis_validators_root} (every state of the chain carries them). */
  Genesis genesis();

  /**
   * The genesis state ({@code state_id=genesis}); empty for a node that started from a checkpoint
   * without being given the genesis state.
   */
  Optional<BeaconState> genesisState();

  /** The genesis block's root ({@code block_id=genesis}); empty when the genesis state is not known. */
  Optional<Bytes32> genesisBlockRoot();

  /** The finalized checkpoint fork choice holds. */
  Checkpoint finalizedCheckpoint();

  /** The justified checkpoint fork choice holds. */
  Checkpoint justifiedCheckpoint();

  /** A known block by root (any branch), or empty. The genesis block has no signature: empty. */
  Optional<SignedBeaconBlock> block(Bytes32 root);

  /** The root of the canonical (head's) chain's block at {@code slot}; empty for an empty or unknown slot. */
  Optional<Bytes32> canonicalRoot(UInt64 slot);

  /** The post-state of block {@code blockRoot} (the genesis state for the genesis block), or empty if unknown. */
  Optional<BeaconState> postState(Bytes32 blockRoot);

  /**
   * The block whose post-state has root {@code stateRoot}, for {@code state_id=<root>}; empty
   * when no known block has that post-state (the state of an empty slot has its own root, which
   * the API does not look up).
   */
  Optional<Bytes32> blockRootOfPostState(Bytes32 stateRoot);

  /**
   * Whether block {@code blockRoot} was imported before its execution payload was verified
   * ({@code execution_optimistic}).
   */
  boolean isOptimistic(Bytes32 blockRoot);

  /** Fork choice's nodes, for {@code /eth/v1/debug/fork_choice}. */
  List<ForkChoiceNode> forkChoiceNodes();

  /**
   * The head: block root, slot and the root of its post-state.
   *
   * @param slot the head block's slot
   * @param root the head block's root
   * @param stateRoot the root of the head block's post-state
   */
  record Head(UInt64 slot, Bytes32 root, Bytes32 stateRoot) {}

  /**
   * What {@code /eth/v1/beacon/genesis} says of the chain.
   *
   * @param time {@code genesis_time}
   * @param validatorsRoot {@code genesis_validators_root}
   */
  record Genesis(UInt64 time, Bytes32 validatorsRoot) {
    public static Genesis of(BeaconState anyState) {
      return new Genesis(anyState.genesisTime(), anyState.genesisValidatorsRoot());
    }
  }
}
