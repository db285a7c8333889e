package io.edvt.groups;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One member's part in one slot of its group's leader promotion (EDVT validator guide, steps 1, 2
 * and 4 of "Leader-promoted proposal by a group"): which proposal it may sign
 * ({@code is_signoff_allowed}, without the block validation and fee recipient checks that come
 * from outside) and whether it leads at its turn.
 *
 * <p>The rule that keeps honest members from splitting: a member signs at most one block per slot,
 * signs a proposal only if it received it during the leader's turn, and leads at its own turn only
 * if it has signed nothing and is not still validating a proposal received in time. The trigger
 * for promotion is thus a proposal the member has signed, not a block it has seen.
 *
 * <p>Block roots are opaque values (any type with {@code equals}); times are milliseconds into the
 * slot. Not thread-safe: a member's duties for a slot run on one thread.
 *
 * @param <R> the block root type
 */
public final class MemberSlot<R> {

  /** Why a proposal may not be signed, or that it may. */
  public enum SignoffVerdict {
    ALLOWED,
    SIGNED_ANOTHER_BLOCK,
    NOT_RANKED_AFTER_THE_LEADER,
    RECEIVED_AFTER_THE_LEADERS_TURN,
    LEADER_RANK_MAY_NOT_LEAD
  }

  private final LeaderTurns turns;
  private final int[] rankOfMember;
  private final int myRank;
  private final int maxLeaderRank;
  private R signedRoot;
  // Proposals allowed and still being validated: the member leads only once it has refused them all.
  private final Set<R> validating = new HashSet<>();

  /**
   * @param ranking {@code get_group_member_ranking} for the slot: element {@code r} is the member
   *     of rank {@code r}
   * @param memberIndex this member's index in the key set
   * @param threshold {@code m} of the key set in force
   * @param signedRoot the block this member's slashing protection says it signed for the slot
   */
  public MemberSlot(LeaderTurns turns, int[] ranking, int memberIndex, int threshold, Optional<R> signedRoot) {
    this.turns = Objects.requireNonNull(turns);
    this.rankOfMember = new int[ranking.length];
    Arrays.fill(rankOfMember, -1);
    for (int rank = 0; rank < ranking.length; rank++) {
      int member = ranking[rank];
      if (member < 0 || member >= ranking.length || rankOfMember[member] != -1) {
        throw new IllegalArgumentException("ranking is not a permutation of the members: " + Arrays.toString(ranking));
      }
      rankOfMember[member] = rank;
    }
    if (memberIndex < 0 || memberIndex >= ranking.length) {
      throw new IllegalArgumentException("member " + memberIndex + " is not in a key set of " + ranking.length);
    }
    this.myRank = rankOfMember[memberIndex];
    this.maxLeaderRank = turns.maxLeaderRank(ranking.length, threshold);
    this.signedRoot = signedRoot.orElse(null);
  }

  /** This member's rank in the slot. */
  public int rank() {
    return myRank;
  }

  /** Whether this member's rank may lead at all ({@code rank <= get_max_leader_rank(n, m)}). */
  public boolean mayLead() {
    return myRank <= maxLeaderRank;
  }

  /**
   * {@code is_signoff_allowed} for a proposal of {@code root} led by {@code leaderMember}, received
   * {@code receivedMs} into the slot. An allowed proposal is remembered as being validated until
   * {@link #signed} or {@link #refused}, so that the member does not lead meanwhile.
   */
  public SignoffVerdict onProposal(int leaderMember, R root, long receivedMs) {
    Objects.requireNonNull(root);
    if (signedRoot != null && !signedRoot.equals(root)) {
      return SignoffVerdict.SIGNED_ANOTHER_BLOCK;
    }
    int leaderRank = rankOfMember[leaderMember];
    if (leaderRank > maxLeaderRank) {
      return SignoffVerdict.LEADER_RANK_MAY_NOT_LEAD; // gossip rejects these; a member never signs one
    }
    if (myRank <= leaderRank) {
      return SignoffVerdict.NOT_RANKED_AFTER_THE_LEADER;
    }
    long deadline = turns.leaderDeadlineMs(leaderRank);
    if (receivedMs >= deadline) {
      return SignoffVerdict.RECEIVED_AFTER_THE_LEADERS_TURN;
    }
    if (signedRoot == null) {
      validating.add(root);
    }
    return SignoffVerdict.ALLOWED;
  }

  /**
   * The member validated the allowed proposal of {@code root}: it signs it off unless it signed
   * another block meanwhile (two proposals validated at once: the first to finish wins).
   *
   * @return whether the member signs {@code root} (and records it in its slashing protection)
   */
  public boolean trySign(R root) {
    validating.remove(root);
    if (signedRoot != null && !signedRoot.equals(root)) {
      return false;
    }
    signedRoot = root;
    validating.clear();
    return true;
  }

  /** The member's validation of {@code root} failed (invalid block, wrong fee recipient): it signs nothing. */
  public void refused(R root) {
    validating.remove(root);
  }

  /**
   * The member leads with its own block of {@code root}: it signs it, which binds it for the slot.
   *
   * @throws IllegalStateException if it may not lead now ({@link #leadsAt} was false)
   */
  public void lead(R root, long nowMs) {
    if (!leadsAt(nowMs)) {
      throw new IllegalStateException("member of rank " + myRank + " may not lead at " + nowMs + " ms");
    }
    signedRoot = root;
  }

  /**
   * Whether the member leads now, {@code nowMs} into the slot: it is within its turn (and its rank
   * may lead), it has signed no block for the slot, and it is not validating a proposal it received
   * in time (it decides that first, and leads only if it refuses it, while its turn lasts).
   */
  public boolean leadsAt(long nowMs) {
    return mayLead() && nowMs >= turns.leaderStartMs(myRank) && nowMs < turns.leaderDeadlineMs(myRank)
        && signedRoot == null && validating.isEmpty();
  }

  /** The block this member has signed for the slot, if any (its slashing protection's record). */
  public Optional<R> signedRoot() {
    return Optional.ofNullable(signedRoot);
  }
}
