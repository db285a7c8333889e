package io.edvt.node.validator;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Beacon API's liveness ({@code POST /eth/v1/validator/liveness/{epoch}}) read from a state's
 * participation flags: a signer is live in an epoch when an attestation of it earned any flag.
 * Under EDVT the index is a {@code VirtualIndex}, as every signer index is: a group member is live
 * by its own flags in the member participation ({@code group_index * MAX_GROUP_SIZE +
 * member_index}), so a doppelganger watch, ours or a validator client's, sees each member key on
 * its own; a validator without a group is live by the registry's flags as in Fulu.
 */
public final class ParticipationLiveness {
  private ParticipationLiveness() {}

  /**
   * Whether each of {@code indices} earned a flag in {@code epoch}, which must be {@code state}'s
   * current or previous epoch.
   *
   * @throws IllegalArgumentException naming the epoch or the index (by position) that cannot be answered
   */
  public static List<Boolean> liveAt(SpecVersions versions, BeaconState state, UInt64 epoch, List<UInt64> indices) {
    SpecFulu spec = versions.forState(state);
    UInt64 stateEpoch = spec.misc().computeEpochAtSlot(state.slot());
    boolean current = epoch.equals(stateEpoch);
    if (!current && !epoch.plus(1).equals(stateEpoch)) {
      throw new IllegalArgumentException("epoch " + epoch + " is neither the head state's epoch " + stateEpoch
          + " nor the one before");
    }
    SszList<Integer> participation = current ? state.currentEpochParticipation() : state.previousEpochParticipation();
    Optional<SszList<Integer>> members = state instanceof BeaconStateEdvt edvt
        ? Optional.of(current ? edvt.currentEpochMemberParticipation() : edvt.previousEpochMemberParticipation())
        : Optional.empty();
    MutableBeaconState view = members.isPresent() ? new MutableBeaconState(state) : null;
    List<Boolean> out = new ArrayList<>(indices.size());
    for (int i = 0; i < indices.size(); i++) {
      long index = indices.get(i).longValue();
      long validator = VirtualIndex.validatorIndexOf(index);
      long member = VirtualIndex.memberIndexOf(index);
      if (Long.compareUnsigned(validator, participation.size()) >= 0) {
        throw new IllegalArgumentException("body[" + i + "]: validator index " + Long.toUnsignedString(validator)
            + " is not in the registry");
      }
      Optional<Integer> group = members.isPresent() ? versions.edvt().registry().getGroupIndex(view, validator)
          : Optional.empty();
      if (group.isPresent() && member < GroupKeySet.MAX_GROUP_SIZE) {
        out.add(members.get().get(group.get() * GroupKeySet.MAX_GROUP_SIZE + (int) member) != 0);
      } else if (member == 0) {
        out.add(participation.get((int) validator) != 0);
      } else {
        throw new IllegalArgumentException("body[" + i + "]: " + Long.toUnsignedString(index) + " names member "
            + Long.toUnsignedString(member) + " of validator " + validator + ", which "
            + (members.isEmpty() ? "a state before EDVT cannot have" : group.isEmpty() ? "has no group" : "no group has"));
      }
    }
    return out;
  }
}
