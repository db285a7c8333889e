package io.edvt.forkchoice.store;

import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;

/**
 * What the store keeps per block: {@code store.blocks[root]}, {@code store.block_states[root]},
 * {@code store.unrealized_justifications[root]} and {@code store.block_timeliness[root]}.
 */
public record StoredBlock(BeaconBlock block, BeaconState state, Checkpoint unrealizedJustification, boolean timely) {}
