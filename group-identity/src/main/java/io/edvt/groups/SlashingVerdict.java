package io.edvt.groups;

import java.util.List;
import java.util.Objects;

/** What two signed messages prove about a group. */
public sealed interface SlashingVerdict<K> {

  /**
   * A group offence: conflicting data, each side signed by at least {@code m} members of its key
   * set. The group's validator is slashable.
   *
   * @param firstSigners members (of the first message's key set) that validly signed it
   * @param secondSigners members (of the second message's key set) that validly signed it
   * @param equivocators keys that signed both, in the first key set's member order (also members
   *     whose own votes fork choice discards)
   */
  record GroupOffence<K>(SignerSet firstSigners, SignerSet secondSigners, List<K> equivocators)
      implements SlashingVerdict<K> {
    public GroupOffence {
      equivocators = List.copyOf(equivocators);
    }
  }

  /**
   * Conflicting data that some members signed both of, without either side (or without both)
   * reaching the threshold: no group offence, but evidence that these member keys equivocated,
   * which fork choice uses to discard those members' votes.
   */
  record MemberEquivocation<K>(List<K> equivocators) implements SlashingVerdict<K> {
    public MemberEquivocation {
      equivocators = List.copyOf(equivocators);
      if (equivocators.isEmpty()) {
        throw new IllegalArgumentException("a member equivocation names at least one key");
      }
    }
  }

  /** Neither a group offence nor a member equivocation. */
  record NoOffence<K>(Reason reason, String message) implements SlashingVerdict<K> {
    public NoOffence {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why evidence shows no offence, in the order the judge checks. */
  enum Reason {
    /** The data do not conflict under the given predicate. */
    NOT_CONFLICTING,
    /**
     * No key set of the group was in force at a message's epoch, or it was retired more than
     * the window before the current epoch.
     */
    KEY_SET_UNAVAILABLE,
    /** A side's signatures fail a check (out of range, count mismatch, no signers, invalid signature). */
    SIGNATURES_REJECTED,
    /** Valid signatures on both sides, but not {@code m} on each and no key signed both. */
    NO_THRESHOLD_AND_NO_COMMON_SIGNER
  }
}
