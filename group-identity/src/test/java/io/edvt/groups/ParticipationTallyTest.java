package io.edvt.groups;

import static io.edvt.groups.ParticipationFlags.TIMELY_HEAD;
import static io.edvt.groups.ParticipationFlags.TIMELY_SOURCE;
import static io.edvt.groups.ParticipationFlags.TIMELY_TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParticipationTallyTest {

  @Test
  void aFlagIsEarnedIffAtLeastThresholdMembersEarnedIt() {
    ParticipationTally tally =
        ParticipationTally.empty(4)
            .withFlags(0, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD)
            .withFlags(1, TIMELY_SOURCE | TIMELY_TARGET)
            .withFlags(2, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD);
    assertThat(tally.flagsReachingThreshold(3)).isEqualTo(TIMELY_SOURCE | TIMELY_TARGET);
    assertThat(tally.flagsReachingThreshold(2)).isEqualTo(ParticipationFlags.ALL);
    assertThat(tally.flagsReachingThreshold(4)).isZero();
  }

  @Test
  void flagsAreJudgedIndependentlySoASplitHeadVoteStillEarnsSourceAndTarget() {
    // members voted for two different heads: each head has 2 of 3, source and target agree
    ParticipationTally tally =
        ParticipationTally.empty(4)
            .withFlags(0, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD)
            .withFlags(1, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD)
            .withFlags(2, TIMELY_SOURCE | TIMELY_TARGET)
            .withFlags(3, TIMELY_SOURCE | TIMELY_TARGET);
    assertThat(tally.flagsReachingThreshold(3)).isEqualTo(TIMELY_SOURCE | TIMELY_TARGET);
    assertThat(tally.count(TIMELY_HEAD)).isEqualTo(2);
  }

  @Test
  void recordsFlagsPerMemberAndOnlyEverAddsThem() {
    ParticipationTally tally = ParticipationTally.empty(3).withFlags(1, TIMELY_TARGET).withFlags(1, TIMELY_SOURCE);
    assertThat(tally.flags(1)).isEqualTo(TIMELY_SOURCE | TIMELY_TARGET);
    assertThat(tally.flags(0)).isZero();
    assertThat(tally.membersWith(TIMELY_TARGET)).isEqualTo(SignerSet.of(1));
    assertThat(ParticipationTally.empty(3).withFlags(2, 0)).isEqualTo(ParticipationTally.empty(3));
  }

  @Test
  void isImmutable() {
    ParticipationTally empty = ParticipationTally.empty(2);
    ParticipationTally updated = empty.withFlags(0, TIMELY_HEAD);
    assertThat(empty.flags(0)).isZero();
    assertThat(updated.flags(0)).isEqualTo(TIMELY_HEAD);
    byte[] bytes = updated.toBytes();
    bytes[0] = 0;
    assertThat(updated.flags(0)).isEqualTo(TIMELY_HEAD);
  }

  @Test
  void roundTripsThroughStoredFlagBytes() {
    ParticipationTally tally = ParticipationTally.of(new byte[] {7, 0, 3, 1});
    assertThat(tally.size()).isEqualTo(4);
    assertThat(tally.toBytes()).containsExactly(7, 0, 3, 1);
    assertThat(tally.flagsReachingThreshold(2)).isEqualTo(TIMELY_SOURCE | TIMELY_TARGET);
  }

  @Test
  void flagBitsFollowAltairFlagIndices() {
    assertThat(ParticipationFlags.flag(0)).isEqualTo(TIMELY_SOURCE);
    assertThat(ParticipationFlags.flag(1)).isEqualTo(TIMELY_TARGET);
    assertThat(ParticipationFlags.flag(2)).isEqualTo(TIMELY_HEAD);
    assertThatThrownBy(() -> ParticipationFlags.flag(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsUnknownFlagsMembersAndThresholds() {
    ParticipationTally tally = ParticipationTally.empty(3);
    assertThatThrownBy(() -> tally.withFlags(0, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tally.withFlags(3, TIMELY_HEAD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tally.membersWith(TIMELY_HEAD | TIMELY_SOURCE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tally.flagsReachingThreshold(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tally.flagsReachingThreshold(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParticipationTally.empty(17)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParticipationTally.of(new byte[] {8})).isInstanceOf(IllegalArgumentException.class);
  }
}
