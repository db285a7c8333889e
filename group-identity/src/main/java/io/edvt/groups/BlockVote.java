package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/** What proposer slashing needs from a {@code BeaconBlockHeader}: its slot and its hash tree root. */
public record BlockVote(UInt64 slot, Bytes32 headerRoot) {
  /** Proposer slashing: the same slot, different headers (the proposer is the group either way). */
  public static final ConflictPredicate<BlockVote> SAME_SLOT_DIFFERENT_HEADER =
      (a, b) -> a.slot.equals(b.slot) && !a.headerRoot.equals(b.headerRoot);

  public BlockVote {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(headerRoot, "headerRoot");
  }
}
