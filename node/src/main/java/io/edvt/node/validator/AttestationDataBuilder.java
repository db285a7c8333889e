package io.edvt.node.validator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code get_attestation_data} of the validator guide, on a given head: the one rule both the
 * node's own duties ({@link ValidatorDuties}) and the Beacon API's {@code attestation_data}
 * (for a separate validator client) use. From Electra on {@code index} is always 0.
 */
public final class AttestationDataBuilder {
  private final SpecVersions versions;
  private final MultiForkStateTransition transition;

  public AttestationDataBuilder(SpecVersions versions) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
  }

  /** The attestation data for {@code slot} voting for {@code head} (whose block must be at or before {@code slot}). */
  public AttestationData build(ValidatorDuties.Head head, UInt64 slot) {
    SpecFulu spec = versions.forSlot(slot);
    BeaconState advanced = head.state().slot().isLessThan(slot) ? transition.processSlots(head.state(), slot) : head.state();
    MutableBeaconState state = new MutableBeaconState(advanced);
    UInt64 epoch = spec.misc().computeEpochAtSlot(slot);
    UInt64 start = spec.misc().computeStartSlotAtEpoch(epoch);
    // the epoch's boundary block: the head itself at the first slot, else the root the advanced state holds
    Bytes32 target = start.equals(slot) ? head.root() : spec.accessors().getBlockRootAtSlot(state, start);
    return AttestationData.create(slot, UInt64.ZERO, head.root(), state.currentJustifiedCheckpoint(), Checkpoint.create(epoch, target));
  }
}
