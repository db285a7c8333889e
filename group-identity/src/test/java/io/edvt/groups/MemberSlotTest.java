package io.edvt.groups;

import static io.edvt.groups.LeaderTurnsTest.MAINNET;
import static io.edvt.groups.MemberSlot.SignoffVerdict.ALLOWED;
import static io.edvt.groups.MemberSlot.SignoffVerdict.LEADER_RANK_MAY_NOT_LEAD;
import static io.edvt.groups.MemberSlot.SignoffVerdict.NOT_RANKED_AFTER_THE_LEADER;
import static io.edvt.groups.MemberSlot.SignoffVerdict.RECEIVED_AFTER_THE_LEADERS_TURN;
import static io.edvt.groups.MemberSlot.SignoffVerdict.SIGNED_ANOTHER_BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sign-off and promotion rule of one member (validator guide, steps 1, 2 and 4). */
class MemberSlotTest {
  // 5 members, m = 3: ranks 0..2 may lead. Ranking: member 4 leads, then 2, 0, 1, 3.
  private static final int[] RANKING = {4, 2, 0, 1, 3};

  private static MemberSlot<String> member(int index) {
    return new MemberSlot<>(MAINNET, RANKING, index, 3, Optional.empty());
  }

  @Test
  void signsOneProposalPerSlotAndOnlyFromALeaderRankedBeforeIt() {
    MemberSlot<String> m0 = member(0); // rank 2
    assertThat(m0.onProposal(4, "a", 300)).isEqualTo(ALLOWED);
    assertThat(m0.trySign("a")).isTrue();
    assertThat(m0.onProposal(2, "b", 1100)).isEqualTo(SIGNED_ANOTHER_BLOCK);
    assertThat(m0.onProposal(4, "a", 400)).isEqualTo(ALLOWED); // the same block again is fine
    assertThat(member(4).onProposal(2, "b", 1100)).isEqualTo(NOT_RANKED_AFTER_THE_LEADER);
    assertThat(member(2).onProposal(2, "b", 1100)).isEqualTo(NOT_RANKED_AFTER_THE_LEADER);
  }

  @Test
  void signsOnlyAProposalReceivedDuringItsLeadersTurn() {
    assertThat(member(3).onProposal(4, "a", 998)).isEqualTo(ALLOWED);
    assertThat(member(3).onProposal(4, "a", 999)).isEqualTo(RECEIVED_AFTER_THE_LEADERS_TURN);
    assertThat(member(3).onProposal(2, "b", 1997)).isEqualTo(ALLOWED);
    assertThat(member(3).onProposal(2, "b", 1998)).isEqualTo(RECEIVED_AFTER_THE_LEADERS_TURN);
  }

  @Test
  void aRankBeyondTheLeadingRanksIsNeverSigned() {
    // member 1 has rank 3: with 5 members and m = 3, only ranks 0..2 lead
    assertThat(member(3).onProposal(1, "c", 3100)).isEqualTo(LEADER_RANK_MAY_NOT_LEAD);
    assertThat(member(1).mayLead()).isFalse();
    assertThat(member(1).leadsAt(3100)).isFalse();
  }

  @Test
  void aProposalReceivedInTimeBlocksPromotionUntilItIsRefused() {
    MemberSlot<String> m2 = member(2); // rank 1: its turn starts at 999 ms
    assertThat(m2.leadsAt(500)).isFalse(); // not its turn
    assertThat(m2.onProposal(4, "a", 990)).isEqualTo(ALLOWED);
    // still validating rank 0's proposal at the start of its turn: it does not lead
    assertThat(m2.leadsAt(1000)).isFalse();
    m2.refused("a"); // invalid block
    assertThat(m2.leadsAt(1200)).isTrue();
    m2.lead("b", 1200);
    assertThat(m2.signedRoot()).contains("b");
    assertThat(m2.trySign("a")).isFalse();
  }

  @Test
  void aMemberThatSignedNeverLeadsAndOneWhoseTurnEndedNeitherLeads() {
    MemberSlot<String> m2 = member(2);
    m2.onProposal(4, "a", 100);
    m2.trySign("a");
    assertThat(m2.leadsAt(1000)).isFalse();
    assertThatThrownBy(() -> m2.lead("b", 1000)).isInstanceOf(IllegalStateException.class);
    assertThat(member(2).leadsAt(1998)).isFalse(); // rank 1's turn ends at 1998 ms
  }

  @Test
  void twoProposalsValidatedAtOnceGiveOneSignature() {
    MemberSlot<String> m3 = member(3); // rank 4
    assertThat(m3.onProposal(4, "a", 900)).isEqualTo(ALLOWED);
    assertThat(m3.onProposal(2, "b", 1100)).isEqualTo(ALLOWED);
    assertThat(m3.trySign("b")).isTrue();
    assertThat(m3.trySign("a")).isFalse();
    assertThat(m3.signedRoot()).contains("b");
  }

  @Test
  void startsFromTheSlashingProtectionsRecord() {
    MemberSlot<String> m0 = new MemberSlot<>(MAINNET, RANKING, 0, 3, Optional.of("a"));
    assertThat(m0.onProposal(2, "b", 1100)).isEqualTo(SIGNED_ANOTHER_BLOCK);
    assertThat(m0.leadsAt(2000)).isFalse();
  }

  @Test
  void rejectsARankingThatIsNoPermutation() {
    assertThatThrownBy(() -> new MemberSlot<>(MAINNET, new int[] {0, 0, 1}, 0, 2, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a permutation");
    assertThatThrownBy(() -> new MemberSlot<>(MAINNET, new int[] {0, 1, 2}, 3, 2, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
