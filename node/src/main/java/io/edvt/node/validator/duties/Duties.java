package io.edvt.node.validator.duties;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;

/** The duties of the held keys in one epoch, as {@link DutyCalculator} finds them. */
public record Duties(UInt64 epoch, List<Attester> attesters, List<Proposer> proposers,
    List<GroupProposer> groupProposers, List<SyncMember> syncMembers) {

  /**
   * An attester duty: {@code key} signs as {@code virtualIndex} at {@code slot} in committee
   * {@code committeeIndex}, whose (expanded, in EDVT) committee has {@code committeeLength} signers;
   * it is at {@code positionInCommittee}.
   */
  public record Attester(BlsPublicKey key, long virtualIndex, UInt64 slot, int committeeIndex,
      int committeeLength, int positionInCommittee, int committeesAtSlot) {}

  /** A plain validator's proposal at {@code slot}. */
  public record Proposer(BlsPublicKey key, long validatorIndex, UInt64 slot) {}

  /** A slot whose proposer is the group a held member key belongs to (the next issue's leader promotion). */
  public record GroupProposer(BlsPublicKey memberKey, MemberAssignment assignment, UInt64 slot) {}

  /** A held key's seats ({@code positions}) in the current sync committee, signing as {@code virtualIndex}. */
  public record SyncMember(BlsPublicKey key, long virtualIndex, List<Integer> positions) {}
}
