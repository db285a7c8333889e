package io.edvt.rewards;

import static io.edvt.groups.ParticipationFlags.TIMELY_HEAD;
import static io.edvt.groups.ParticipationFlags.TIMELY_SOURCE;
import static io.edvt.groups.ParticipationFlags.TIMELY_TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupThreshold;
import io.edvt.groups.ParticipationFlags;
import io.edvt.groups.ParticipationTally;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupParticipationReportTest {
  private static final UInt64 VALIDATOR = UInt64.valueOf(42);

  @Test
  void aFlagIsReachedWhenThresholdMembersEarnedItAndTheMarginCountsMembersAboveOrBelow() {
    ParticipationTally tally = ParticipationTally.empty(4)
        .withFlags(0, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD)
        .withFlags(1, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD)
        .withFlags(2, TIMELY_SOURCE | TIMELY_TARGET)
        .withFlags(3, TIMELY_SOURCE);

    GroupParticipationReport report = GroupParticipationReport.of(VALIDATOR, new GroupThreshold(3, 4), tally);

    assertThat(report.flags()).extracting(GroupParticipationReport.FlagOutcome::flag)
        .containsExactly("source", "target", "head");
    assertThat(report.flag(0).members()).containsExactly(0, 1, 2, 3);
    assertThat(report.flag(0).reached()).isTrue();
    assertThat(report.flag(0).margin()).isEqualTo(1);
    assertThat(report.flag(1).members()).containsExactly(0, 1, 2);
    assertThat(report.flag(1).reached()).isTrue();
    assertThat(report.flag(1).margin()).isZero();
    assertThat(report.flag(2).members()).containsExactly(0, 1);
    assertThat(report.flag(2).reached()).isFalse();
    assertThat(report.flag(2).margin()).isEqualTo(-1);
    assertThat(report.validatorFlags()).isEqualTo(TIMELY_SOURCE | TIMELY_TARGET);
  }

  @Test
  void flagsAreJudgedIndependentlyOfEachOther() {
    // head reaches m while target does not: the validator gets head and source, not target
    ParticipationTally tally = ParticipationTally.empty(3)
        .withFlags(0, TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD)
        .withFlags(1, TIMELY_SOURCE | TIMELY_HEAD)
        .withFlags(2, TIMELY_HEAD);

    GroupParticipationReport report = GroupParticipationReport.of(VALIDATOR, new GroupThreshold(2, 3), tally);

    assertThat(report.validatorFlags()).isEqualTo(TIMELY_SOURCE | TIMELY_HEAD);
    assertThat(report.flag(1).margin()).isEqualTo(-1);
    assertThat(report.flag(2).margin()).isEqualTo(1);
  }

  @Test
  void agreesWithTheTallysThresholdRuleForEveryTallyOfEveryThresholdOfAGroupOfThree() {
    for (int code = 0; code < 8 * 8 * 8; code++) {
      byte[] flags = {(byte) (code & 7), (byte) ((code >> 3) & 7), (byte) ((code >> 6) & 7)};
      ParticipationTally tally = ParticipationTally.of(flags);
      for (int m = 1; m <= 3; m++) {
        GroupParticipationReport report = GroupParticipationReport.of(VALIDATOR, new GroupThreshold(m, 3), tally);
        assertThat(report.validatorFlags()).isEqualTo(tally.flagsReachingThreshold(m));
        for (int f = 0; f < ParticipationFlags.FLAG_COUNT; f++) {
          int flag = ParticipationFlags.flag(f);
          assertThat(report.flag(f).count()).isEqualTo(tally.count(flag));
          assertThat(report.flag(f).margin()).isEqualTo(tally.count(flag) - m);
        }
      }
    }
  }

  @Test
  void takesThresholdAndSizeFromAKeySet() {
    GroupKeySet<String> keys = new GroupKeySet<>(2, List.of("a", "b", "c"), UInt64.ZERO);
    ParticipationTally tally = ParticipationTally.empty(3).withFlags(1, TIMELY_TARGET).withFlags(2, TIMELY_TARGET);

    GroupParticipationReport report = GroupParticipationReport.of(VALIDATOR, keys, tally);

    assertThat(report.threshold()).isEqualTo(2);
    assertThat(report.memberCount()).isEqualTo(3);
    assertThat(report.validatorIndex()).isEqualTo(VALIDATOR);
    assertThat(report.validatorFlags()).isEqualTo(TIMELY_TARGET);
  }

  @Test
  void rejectsATallyOfAnotherGroupSizeAndImpossibleThresholds() {
    assertThatThrownBy(() -> GroupParticipationReport.of(VALIDATOR, new GroupThreshold(2, 4), ParticipationTally.empty(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 members");
    assertThatThrownBy(() -> new GroupThreshold(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupThreshold(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupThreshold(1, 17)).isInstanceOf(IllegalArgumentException.class);
  }
}
