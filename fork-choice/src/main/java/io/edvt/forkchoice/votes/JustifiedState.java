package io.edvt.forkchoice.votes;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;

/**
 * The store's justified checkpoint and its state ({@code store.checkpoint_states[store.justified_checkpoint]}),
 * the source of the balances votes are weighed with. Vote layers may cache what they derive
 * from the state per {@code checkpoint}: the same checkpoint always has the same state.
 */
public record JustifiedState(Checkpoint checkpoint, BeaconState state) {}
