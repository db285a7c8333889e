package io.edvt.node.chain;

import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.List;
import java.util.Optional;

/**
 * What the node offers the block producer (the validator client's seam): for a slot on a head,
 * the attestations worth packing, the operations valid there, and the sync aggregate if
 * contributions for the parent block are at hand.
 */
public interface BlockProductionInputs {

  /**
   * The contents for a block at {@code slot} on the head whose post-state is {@code headState}.
   * Everything returned is valid on that state advanced to {@code slot}, in the form the milestone
   * in force at {@code slot} wants (pre-fork operations converted for an EDVT block).
   */
  Inputs forSlot(BeaconState headState, long slot);

  /**
   * @param attestations at most {@code MAX_ATTESTATIONS_ELECTRA}, best first
   * @param syncAggregate empty when no contributions are known (the producer then signs an empty one)
   */
  record Inputs(List<Attestation> attestations, OperationPool.BlockOperations operations,
      Optional<SyncAggregate> syncAggregate) {}
}
