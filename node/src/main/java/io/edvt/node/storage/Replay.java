package io.edvt.node.storage;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.List;

/**
 * A stored state and the blocks to apply to it, in slot order, to reach the state that was asked
 * for: storage keeps full states only now and then (hot snapshots, archived finalized states), and
 * the caller replays the rest with the state transition (signatures need no checking again).
 *
 * @param state the nearest stored state at or before the target
 * @param blocks the blocks after it up to and including the target's, ascending by slot (empty
 *     when the stored state is the target's)
 */
public record Replay(BeaconState state, List<SignedBeaconBlock> blocks) {
  public Replay {
    blocks = List.copyOf(blocks);
  }
}
