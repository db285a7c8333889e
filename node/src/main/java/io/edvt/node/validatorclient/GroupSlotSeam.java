package io.edvt.node.validatorclient;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Where a slot proposed by the group of a held member key goes. Leading a group block and signing
 * off on another member's (validator.md, "Leader-promoted proposal by a group") need the member
 * topics' proposals and sign-offs, which the Beacon API does not carry yet; {@link #LOG} only says
 * that the client leaves the slot to the group's other members (a beacon node holding member keys
 * in-process leads and signs off with {@code GroupProposer}).
 */
@FunctionalInterface
interface GroupSlotSeam {
  void groupSlotDue(UInt64 slot, long validatorIndex, Set<Bytes48> heldMembers);

  GroupSlotSeam LOG = (slot, validator, members) -> System.getLogger(GroupSlotSeam.class.getName()).log(System.Logger.Level.INFO,
      "Group slot {0} of validator {1}: {2} held member key(s); group block proposals and sign-offs are not done through the "
          + "Beacon API yet, the group's other members' nodes lead and sign off", slot, validator, members.size());
}
