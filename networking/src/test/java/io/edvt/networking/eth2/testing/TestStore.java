package io.edvt.networking.eth2.testing;

import io.edvt.networking.eth2.validation.ChainView;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/** A {@link ChainView} over the blocks a test builds: an anchor and the blocks applied on it. */
public final class TestStore implements ChainView {
  private final Map<Bytes32, BlockInfo> blocks = new HashMap<>();
  private final Map<Bytes32, BeaconState> states = new HashMap<>();
  private Checkpoint finalized;

  /** A store whose anchor is the block {@code root} with post-state {@code state}, finalized at the anchor's epoch. */
  public TestStore(Bytes32 root, BeaconState state, int slotsPerEpoch) {
    blocks.put(root, new BlockInfo(state.latestBlockHeader().slot(), state.latestBlockHeader().parentRoot()));
    states.put(root, state);
    finalized = Checkpoint.create(state.slot().dividedBy(slotsPerEpoch), root);
  }

  public void add(SignedBeaconBlock block, BeaconState postState) {
    Bytes32 root = block.message().hashTreeRoot();
    blocks.put(root, new BlockInfo(block.message().slot(), block.message().parentRoot()));
    states.put(root, postState);
  }

  @Override
  public Checkpoint finalizedCheckpoint() {
    return finalized;
  }

  @Override
  public Optional<BlockInfo> block(Bytes32 root) {
    return Optional.ofNullable(blocks.get(root));
  }

  @Override
  public Optional<BeaconState> blockState(Bytes32 root) {
    return Optional.ofNullable(states.get(root));
  }
}
