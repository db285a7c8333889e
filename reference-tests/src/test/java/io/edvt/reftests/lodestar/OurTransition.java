package io.edvt.reftests.lodestar;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;

/**
 * Our side of the differential test: EDVT's Fulu state transition, reduced to the two spec
 * functions the comparison needs. {@link EdvtChains#ourTransition} wires it to
 * {@code StateTransitionFulu}.
 */
public interface OurTransition {

  /** {@code process_slots(state, slot)}: empty slots (and epoch transitions) up to {@code slot}. */
  BeaconState processSlots(BeaconState state, long slot);

  /**
   * {@code state_transition(state, signed_block, validate_result=True)}: process slots to the
   * block's slot, verify the proposer signature and every other signature, process the block and
   * check its {@code state_root}. Throws if the block is invalid.
   */
  BeaconState stateTransition(BeaconState state, SignedBeaconBlock signedBlock);
}
