package io.edvt.spec.logic.versions.fulu;

import io.edvt.spec.datastructures.state.MutableBeaconState;

/**
 * Watches the steps of {@code process_block} that pay the block's proposer, with the working
 * state just before and just after each: what a reward report needs to read the amounts a block
 * actually paid, without a subclass of the block processor (so it works for every milestone's
 * processor). Called on the processing thread; the state must not be changed.
 */
public interface BlockProcessingObserver {

  /** The observed steps, one call pair per operation (per block for the sync aggregate). */
  enum Step {
    PROPOSER_SLASHING,
    ATTESTER_SLASHING,
    ATTESTATION,
    SYNC_AGGREGATE
  }

  /** Observes nothing. */
  BlockProcessingObserver NONE = new BlockProcessingObserver() {};

  default void before(Step step, MutableBeaconState state) {}

  default void after(Step step, MutableBeaconState state) {}
}
