package io.edvt.node.validator.duties;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.GroupRegistryEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;

/** EDVT {@code get_member_assignments} (validator.md, "Finding one's group"). */
public final class MemberAssignments {
  private MemberAssignments() {}

  /**
   * Every stored role of {@code pubkey} in {@code state}: as a member of each key set of each group
   * that holds it, and as a validator's own key when that validator has no group. On a Fulu state
   * only the latter.
   */
  public static List<MemberAssignment> find(SpecVersions versions, MutableBeaconState state, Bytes48 pubkey) {
    GroupRegistryEdvt registry = versions.edvt().registry();
    List<MemberAssignment> assignments = new ArrayList<>();
    boolean edvt = BeaconStateEdvt.toVersionEdvt(state.origin()).isPresent();
    if (edvt) {
      var groups = state.<Group>list(BeaconStateEdvt.GROUPS);
      for (int g = 0; g < groups.size(); g++) {
        Group group = groups.get(g);
        GroupKeySets<Bytes48> keySets = registry.keySets(group);
        List<GroupKeySet<Bytes48>> sets = keySets.keySets();
        for (int position = 0; position < sets.size(); position++) {
          GroupKeySet<Bytes48> keySet = sets.get(position);
          OptionalInt member = keySet.memberIndexOf(pubkey);
          if (member.isEmpty()) {
            continue;
          }
          UInt64 end = position + 1 < sets.size() ? sets.get(position + 1).activationEpoch() : SpecConstants.FAR_FUTURE_EPOCH;
          assignments.add(new MemberAssignment(group.validatorIndex().longValue(), member.getAsInt(), keySet.threshold(),
              keySet.size(), keySet.activationEpoch(), end));
        }
      }
    }
    Optional<Integer> validator = versions.forState(state.origin()).accessors().getValidatorIndex(state, pubkey);
    if (validator.isPresent() && (!edvt || registry.getGroupIndex(state, validator.get()).isEmpty())) {
      // a validator without a group: member 0 of itself, for good
      assignments.add(new MemberAssignment(validator.get(), 0, 1, 1, UInt64.ZERO, SpecConstants.FAR_FUTURE_EPOCH));
    }
    return assignments;
  }

  /**
   * Whether any of {@code pubkeys} is a member of a group key set in {@code state} that is in force
   * at {@code epoch} or later (one pass over the groups, whatever the number of keys).
   */
  public static boolean anyMember(SpecVersions versions, MutableBeaconState state, Set<Bytes48> pubkeys, UInt64 epoch) {
    if (BeaconStateEdvt.toVersionEdvt(state.origin()).isEmpty()) {
      return false;
    }
    GroupRegistryEdvt registry = versions.edvt().registry();
    var groups = state.<Group>list(BeaconStateEdvt.GROUPS);
    for (int g = 0; g < groups.size(); g++) {
      List<GroupKeySet<Bytes48>> sets = registry.keySets(groups.get(g)).keySets();
      for (int position = 0; position < sets.size(); position++) {
        boolean ended = position + 1 < sets.size() && !epoch.isLessThan(sets.get(position + 1).activationEpoch());
        if (!ended && sets.get(position).keys().stream().anyMatch(pubkeys::contains)) {
          return true;
        }
      }
    }
    return false;
  }
}
