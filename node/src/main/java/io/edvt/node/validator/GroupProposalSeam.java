package io.edvt.node.validator;

import io.edvt.node.validator.duties.Duties;
import io.edvt.spec.datastructures.state.BeaconState;

/**
 * Where a group's block proposal goes: when the proposer of a slot is the group of a member key the
 * node holds, {@link ValidatorDuties} hands the slot here instead of proposing (leader promotion,
 * validator.md "Leader-promoted proposal by a group": {@code group.GroupProposer}). {@link #NONE}
 * does nothing: the group's slot is left to the other members' nodes.
 */
public interface GroupProposalSeam {
  void groupProposalDue(Duties.GroupProposer duty, BeaconState headState);

  GroupProposalSeam NONE = (duty, state) -> {};
}
