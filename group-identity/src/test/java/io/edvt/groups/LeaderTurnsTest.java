package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LeaderTurnsTest {
  // SLOT_DURATION_MS, GROUP_LEADER_TIMEOUT_BPS, ATTESTATION_DUE_BPS of the mainnet config
  static final LeaderTurns MAINNET = new LeaderTurns(12_000, 833, 3333);

  @Test
  void turnsAreOneSecondOnMainnetAndEndOneTurnBeforeTheAttestationDeadline() {
    assertThat(MAINNET.turnMs()).isEqualTo(999);
    assertThat(MAINNET.leaderStartMs(0)).isZero();
    assertThat(MAINNET.leaderStartMs(2)).isEqualTo(1998);
    assertThat(MAINNET.leaderDeadlineMs(2)).isEqualTo(2997);
    // ranks 0..2 lead: rank 2's turn plus one more end by the 4 s attestation deadline, rank 3's would not
    assertThat(MAINNET.maxLeaderRank(16, 1)).isEqualTo(2);
    assertThat(MAINNET.leaderDeadlineMs(2) + MAINNET.turnMs()).isLessThanOrEqualTo(3333L * 12_000 / 10_000);
    assertThat(MAINNET.leaderDeadlineMs(3) + MAINNET.turnMs()).isGreaterThan(3333L * 12_000 / 10_000);
  }

  @Test
  void aRankThatCannotGatherTheThresholdNeverLeads() {
    assertThat(MAINNET.maxLeaderRank(4, 3)).isEqualTo(1);
    assertThat(MAINNET.maxLeaderRank(4, 4)).isZero();
    assertThat(MAINNET.maxLeaderRank(1, 1)).isZero();
  }

  @Test
  void rejectsATimeoutThatLeavesRankZeroNoTimelyTurnAndBadGroups() {
    assertThatThrownBy(() -> new LeaderTurns(12_000, 1700, 3333)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most half of ATTESTATION_DUE_BPS");
    assertThatThrownBy(() -> MAINNET.maxLeaderRank(4, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MAINNET.maxLeaderRank(17, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
