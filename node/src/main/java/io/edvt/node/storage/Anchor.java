package io.edvt.node.storage;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What fork choice is rebuilt on at a restart ({@code get_forkchoice_store(anchor_state,
 * anchor_block)}): the finalized checkpoint, its block and a state of that block, and the
 * justified checkpoint. The hot blocks after it ({@link ChainStorage#hotBlocks()}) are then
 * replayed into the store.
 *
 * <p>The state is the block's post-state ({@code block.state_root}) or that state advanced through
 * empty slots (a checkpoint state at the start of the finalized epoch): either way its
 * {@code latest_block_header} names the block.
 *
 * @param finalized the finalized checkpoint; its root is {@code block}'s
 * @param justified the justified checkpoint, not older than {@code finalized}
 * @param block the finalized checkpoint's block (the message: the genesis block has no signature)
 * @param state a state of that block
 */
public record Anchor(Checkpoint finalized, Checkpoint justified, BeaconBlock block, BeaconState state) {
  public Anchor {
    Bytes32 blockRoot = block.hashTreeRoot();
    if (!finalized.root().equals(blockRoot)) {
      throw new IllegalArgumentException("anchor block " + blockRoot + " is not the finalized checkpoint's block " + finalized.root());
    }
    Bytes32 stateBlock = latestBlockRoot(state);
    if (!stateBlock.equals(blockRoot)) {
      throw new IllegalArgumentException("anchor state (slot " + state.slot() + ") is a state of block " + stateBlock
          + ", not of the anchor block " + blockRoot);
    }
    if (justified.epoch().isLessThan(finalized.epoch())) {
      throw new IllegalArgumentException("justified epoch " + justified.epoch() + " is before the finalized epoch " + finalized.epoch());
    }
  }

  /**
   * The anchor of a chain that starts at {@code genesisState}: its block is the genesis block
   * ({@code latest_block_header} with the state root filled in and an empty body), finalized and
   * justified at epoch 0.
   */
  public static Anchor genesis(SpecVersions versions, BeaconState genesisState) {
    SpecMilestone milestone = SpecVersions.milestoneOf(genesisState);
    BeaconBlockHeader header = genesisState.latestBlockHeader();
    BeaconBlockBody body = versions.forMilestone(milestone).schemas().beaconBlockBody().defaultValue();
    if (!header.bodyRoot().equals(body.hashTreeRoot())) {
      throw new IllegalArgumentException("not a genesis state: its latest block header (slot " + header.slot()
          + ") has a body, not the empty one");
    }
    BeaconBlock block = BeaconBlock.create(versions.forMilestone(milestone).schemas().beaconBlock(), header.slot(),
        header.proposerIndex(), header.parentRoot(), genesisState.hashTreeRoot(), body);
    Checkpoint checkpoint = Checkpoint.create(versions.fulu().misc().computeEpochAtSlot(genesisState.slot()), block.hashTreeRoot());
    return new Anchor(checkpoint, checkpoint, block, genesisState);
  }

  /**
   * The root of the block {@code state} is a state of: the hash of its {@code latest_block_header}
   * with the state root filled in when the block's own slot has not been processed yet
   * ({@code process_slot} fills it).
   */
  public static Bytes32 latestBlockRoot(BeaconState state) {
    BeaconBlockHeader header = state.latestBlockHeader();
    if (header.stateRoot().isZero()) {
      header = header.withStateRoot(state.hashTreeRoot());
    }
    return header.hashTreeRoot();
  }
}
