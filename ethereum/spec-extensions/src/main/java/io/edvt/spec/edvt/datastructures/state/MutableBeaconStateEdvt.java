package io.edvt.spec.edvt.datastructures.state;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import java.util.Optional;

/**
 * The EDVT fields of a {@link MutableBeaconState} working on a {@link BeaconStateEdvt}: typed
 * editors over the generic {@link MutableBeaconState#list(int)}. Reads and writes go to the
 * working copy itself, so Fulu code and EDVT code may interleave on one working copy.
 */
public final class MutableBeaconStateEdvt {
  private final MutableBeaconState state;

  private MutableBeaconStateEdvt(MutableBeaconState state) {
    this.state = state;
  }

  /** The EDVT view of {@code state}, or empty when it works on a Fulu (or earlier) state. */
  public static Optional<MutableBeaconStateEdvt> toVersionEdvt(MutableBeaconState state) {
    return BeaconStateEdvt.toVersionEdvt(state.origin()).map(edvt -> new MutableBeaconStateEdvt(state));
  }

  /** The working copy this view edits. */
  public MutableBeaconState state() {
    return state;
  }

  /** {@code state.groups}. */
  public SszListEditor<Group> groups() {
    return state.list(BeaconStateEdvt.GROUPS);
  }

  /** {@code state.previous_epoch_member_participation}. */
  public SszListEditor<Integer> previousEpochMemberParticipation() {
    return state.list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION);
  }

  /** {@code state.current_epoch_member_participation}. */
  public SszListEditor<Integer> currentEpochMemberParticipation() {
    return state.list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION);
  }
}
