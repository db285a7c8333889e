package io.edvt.groups;

/**
 * The timing of leader promotion (EDVT validator guide, "Leader-promoted proposal by a group"):
 * rank {@code r}'s turn runs from {@code get_leader_start_ms(r)} to {@code
 * get_leader_deadline_ms(r)} into the slot, and only ranks up to {@code get_max_leader_rank} lead.
 *
 * <pre>
 * def get_leader_start_ms(rank) -> Uint64:
 *     return rank * get_slot_component_duration_ms(GROUP_LEADER_TIMEOUT_BPS)
 *
 * def get_leader_deadline_ms(rank) -> Uint64:
 *     return get_leader_start_ms(rank + 1)
 *
 * def get_max_leader_rank(member_count, threshold) -> Uint64:
 *     return min(member_count - threshold, ATTESTATION_DUE_BPS // GROUP_LEADER_TIMEOUT_BPS - 2)
 * </pre>
 *
 * A rank's turn ends one turn before the attestation deadline at the latest, because a block is
 * timely (and voted for by its slot's committee) only if it arrives before that deadline; the
 * last turn before it is left for the assembled block to propagate.
 *
 * @param slotDurationMs {@code SLOT_DURATION_MS}
 * @param leaderTimeoutBps {@code GROUP_LEADER_TIMEOUT_BPS}
 * @param attestationDueBps {@code ATTESTATION_DUE_BPS}
 */
public record LeaderTurns(long slotDurationMs, long leaderTimeoutBps, long attestationDueBps) {
  private static final long BASIS_POINTS = 10_000;

  public LeaderTurns {
    if (slotDurationMs <= 0 || leaderTimeoutBps <= 0) {
      throw new IllegalArgumentException(
          "slot duration and leader timeout must be positive, got " + slotDurationMs + " ms, " + leaderTimeoutBps + " bps");
    }
    if (2 * leaderTimeoutBps > attestationDueBps) {
      throw new IllegalArgumentException("GROUP_LEADER_TIMEOUT_BPS (" + leaderTimeoutBps
          + ") must be at most half of ATTESTATION_DUE_BPS (" + attestationDueBps + "), or rank 0 cannot lead");
    }
  }

  /** {@code get_slot_component_duration_ms(GROUP_LEADER_TIMEOUT_BPS)}: one turn. */
  public long turnMs() {
    return leaderTimeoutBps * slotDurationMs / BASIS_POINTS;
  }

  /** {@code get_leader_start_ms(rank)}. */
  public long leaderStartMs(int rank) {
    return rank * turnMs();
  }

  /** {@code get_leader_deadline_ms(rank)}: members sign rank's proposal only if received earlier. */
  public long leaderDeadlineMs(int rank) {
    return leaderStartMs(rank + 1);
  }

  /** {@code get_max_leader_rank(member_count, threshold)}. */
  public int maxLeaderRank(int memberCount, int threshold) {
    new GroupThreshold(threshold, memberCount); // 1 <= m <= n <= MAX_GROUP_SIZE
    return (int) Math.min(memberCount - threshold, attestationDueBps / leaderTimeoutBps - 2);
  }
}
