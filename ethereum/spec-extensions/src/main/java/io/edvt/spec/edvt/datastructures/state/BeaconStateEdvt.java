package io.edvt.spec.edvt.datastructures.state;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.datastructures.groups.Group;
import java.util.Optional;

/**
 * The EDVT {@code BeaconState}: the 38 Fulu fields followed by {@code groups},
 * {@code previous_epoch_member_participation} and {@code current_epoch_member_participation}.
 * 41 fields keep the state's depth, so Electra's light-client generalized indices stay valid. The
 * member participation of member {@code j} of the group at position {@code g} of {@code groups}
 * is at {@code g * MAX_GROUP_SIZE + j}.
 *
 * <p>Every Fulu accessor keeps working on it; the transition reaches the new fields through
 * {@link MutableBeaconStateEdvt}. Not final, like {@link BeaconStateFulu}: a later milestone's
 * state would extend it, numbering its fields from {@link #FIELD_COUNT}.
 */
public class BeaconStateEdvt extends BeaconStateFulu {
  public static final int GROUPS = BeaconStateFulu.FIELD_COUNT;
  public static final int PREVIOUS_EPOCH_MEMBER_PARTICIPATION = GROUPS + 1;
  public static final int CURRENT_EPOCH_MEMBER_PARTICIPATION = PREVIOUS_EPOCH_MEMBER_PARTICIPATION + 1;
  public static final int CURRENT_SYNC_COMMITTEE_SIGNERS = CURRENT_EPOCH_MEMBER_PARTICIPATION + 1;
  public static final int NEXT_SYNC_COMMITTEE_SIGNERS = CURRENT_SYNC_COMMITTEE_SIGNERS + 1;
  /** The number of fields this class knows (43); a subclass's fields start here. */
  public static final int FIELD_COUNT = NEXT_SYNC_COMMITTEE_SIGNERS + 1;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<BeaconStateEdvt> FACTORY = BeaconStateEdvt::new;

  protected BeaconStateEdvt(ContainerType<? extends BeaconStateEdvt> type, Object[] values) {
    super(type, values);
  }

  /** {@code state} as an EDVT state, or empty for a Fulu (or earlier) one. */
  public static Optional<BeaconStateEdvt> toVersionEdvt(BeaconState state) {
    return state instanceof BeaconStateEdvt edvt ? Optional.of(edvt) : Optional.empty();
  }

  /** {@code groups}: {@code List[Group, GROUP_REGISTRY_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<Group> groups() {
    return (SszList<Group>) get(GROUPS);
  }

  /**
   * {@code previous_epoch_member_participation}:
   * {@code List[ParticipationFlags, GROUP_REGISTRY_LIMIT * MAX_GROUP_SIZE]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Integer> previousEpochMemberParticipation() {
    return (SszList<Integer>) get(PREVIOUS_EPOCH_MEMBER_PARTICIPATION);
  }

  /**
   * {@code current_epoch_member_participation}:
   * {@code List[ParticipationFlags, GROUP_REGISTRY_LIMIT * MAX_GROUP_SIZE]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Integer> currentEpochMemberParticipation() {
    return (SszList<Integer>) get(CURRENT_EPOCH_MEMBER_PARTICIPATION);
  }

  /** {@code current_sync_committee_signers}: {@code Vector[VirtualIndex, SYNC_COMMITTEE_SIZE]}, the signer of each seat. */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> currentSyncCommitteeSigners() {
    return (SszList<UInt64>) get(CURRENT_SYNC_COMMITTEE_SIGNERS);
  }

  /** {@code next_sync_committee_signers}: {@code Vector[VirtualIndex, SYNC_COMMITTEE_SIZE]}. */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> nextSyncCommitteeSigners() {
    return (SszList<UInt64>) get(NEXT_SYNC_COMMITTEE_SIGNERS);
  }

  /** A copy with {@code groups} replaced. */
  public BeaconStateEdvt withGroups(SszList<Group> groups) {
    return with(GROUPS, groups);
  }

  /** A copy with {@code previous_epoch_member_participation} replaced. */
  public BeaconStateEdvt withPreviousEpochMemberParticipation(SszList<Integer> participation) {
    return with(PREVIOUS_EPOCH_MEMBER_PARTICIPATION, participation);
  }

  /** A copy with {@code current_epoch_member_participation} replaced. */
  public BeaconStateEdvt withCurrentEpochMemberParticipation(SszList<Integer> participation) {
    return with(CURRENT_EPOCH_MEMBER_PARTICIPATION, participation);
  }
}
