package io.edvt.node.validator.duties;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * EDVT {@code MemberAssignment} (validator.md, "Finding one's group"): one role of a key, as a
 * member of a validator's key set from {@code startEpoch} until before {@code endEpoch}. A validator
 * without a group is member 0 of itself with threshold 1 of 1.
 */
public record MemberAssignment(long validatorIndex, int memberIndex, int threshold, int memberCount,
    UInt64 startEpoch, UInt64 endEpoch) {

  /** The signer's {@code VirtualIndex}: the validator index for member 0 of a validator without a group. */
  public long virtualIndex() {
    return VirtualIndex.compute(validatorIndex, memberIndex);
  }

  public boolean activeAt(UInt64 epoch) {
    return startEpoch.isLessThanOrEqualTo(epoch) && epoch.isLessThan(endEpoch);
  }

  /** A real group (not a plain validator's own key). */
  public boolean isGroupMember() {
    return memberCount > 1 || threshold > 1;
  }
}
