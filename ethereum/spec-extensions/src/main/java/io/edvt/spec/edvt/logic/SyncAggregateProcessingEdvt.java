package io.edvt.spec.edvt.logic;

import io.edvt.groups.VirtualIndex;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu;

/**
 * Fulu's {@code process_sync_aggregate} with EDVT's seats: each seat is held by one member (its
 * virtual index recorded in {@code state.current_sync_committee_signers}) and rewarded as in Fulu,
 * to the member's validator. Signature verification is Fulu's: the committee holds member keys.
 */
public class SyncAggregateProcessingEdvt extends SyncAggregateProcessingFulu {
  private final SyncCommitteeEdvt syncCommittee;

  public SyncAggregateProcessingEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.syncCommittee = new SyncCommitteeEdvt(helpers);
  }

  /**
   * The validator of each seat: {@code get_validator_index_of} of the seat's signer, from the
   * state ({@code get_current_sync_committee_indices}) instead of a search by key.
   */
  @Override
  public int[] committeeIndices(MutableBeaconState state) {
    long[] seats = syncCommittee.getCurrentSyncCommitteeIndices(state);
    int[] out = new int[seats.length];
    for (int i = 0; i < seats.length; i++) {
      out[i] = (int) VirtualIndex.validatorIndexOf(seats[i]);
    }
    return out;
  }
}
