package io.edvt.rewards;

import static io.edvt.groups.ParticipationFlags.TIMELY_HEAD;
import static io.edvt.groups.ParticipationFlags.TIMELY_SOURCE;
import static io.edvt.groups.ParticipationFlags.TIMELY_TARGET;
import static io.edvt.rewards.TestChains.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.groups.GroupThreshold;
import io.edvt.groups.ParticipationTally;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.GroupRewardReport.ComponentOutcome;
import org.junit.jupiter.api.Test;

/**
 * Group reward reports built on real Fulu attestation rewards: the validators of the partial
 * chain stand in for groups whose members produced the same validator flags.
 */
class GroupRewardReportTest {
  private static final UInt64 ETH_32 = UInt64.valueOf(32_000_000_000L);
  private static final GroupThreshold THREE_OF_FOUR = new GroupThreshold(3, 4);
  private static final int ALL = TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD;

  private final AttestationRewardsReport partial =
      new AttestationRewardsCalculator(SPEC).compute(TestChains.partial().endOfEpoch2());

  @Test
  void aGroupOneMemberShortOfThresholdForHeadLosesExactlyTheHeadComponent() {
    // a validator of the late slot: source and target, no head
    AttestationRewards late = partial.totalRewards().stream()
        .filter(r -> r.head() == 0 && r.target() > 0).findFirst().orElseThrow();
    AttestationRewards full = partial.totalRewards().stream().filter(r -> r.head() > 0).findFirst().orElseThrow();
    ParticipationTally tally = ParticipationTally.empty(4)
        .withFlags(0, ALL).withFlags(1, ALL).withFlags(2, TIMELY_SOURCE | TIMELY_TARGET).withFlags(3, TIMELY_SOURCE | TIMELY_TARGET);

    GroupRewardReport report = GroupRewardReport.of(
        GroupParticipationReport.of(late.validatorIndex(), THREE_OF_FOUR, tally), partial, ETH_32);

    long idealHead = partial.idealFor(ETH_32).orElseThrow().head();
    assertThat(report.lostToThreshold()).isEqualTo(idealHead).isEqualTo(full.head()).isPositive();
    ComponentOutcome head = report.component("head");
    assertThat(head.earned()).isFalse();
    assertThat(head.margin()).isEqualTo(-1);
    assertThat(head.lostToThreshold()).isEqualTo(idealHead);
    assertThat(report.component("source").lostToThreshold()).isZero();
    assertThat(report.component("target").lostToThreshold()).isZero();
    assertThat(report.component("inactivity").lostToThreshold()).isZero();
  }

  @Test
  void aMissedTargetCostsTheForgoneRewardPlusThePenaltyChargedInstead() {
    AttestationRewards absent = partial.totalFor(UInt64.ZERO).orElseThrow(); // validator 0 never attests
    ParticipationTally tally = ParticipationTally.empty(4).withFlags(0, ALL).withFlags(1, ALL);

    GroupRewardReport report = GroupRewardReport.of(
        GroupParticipationReport.of(absent.validatorIndex(), THREE_OF_FOUR, tally), partial, ETH_32);

    IdealAttestationRewards ideal = partial.idealFor(ETH_32).orElseThrow();
    assertThat(absent.target()).isNegative();
    assertThat(report.component("target").lostToThreshold()).isEqualTo(ideal.target() - absent.target());
    assertThat(report.component("source").lostToThreshold()).isEqualTo(ideal.source() - absent.source());
    assertThat(report.lostToThreshold())
        .isEqualTo(ideal.head() + ideal.target() + ideal.source() - absent.total());
  }

  @Test
  void aGroupThatReachedEveryFlagLosesNothing() {
    AttestationRewards full = partial.totalRewards().stream().filter(r -> r.head() > 0).findFirst().orElseThrow();
    ParticipationTally tally = ParticipationTally.empty(4).withFlags(0, ALL).withFlags(1, ALL).withFlags(3, ALL);

    GroupRewardReport report = GroupRewardReport.of(
        GroupParticipationReport.of(full.validatorIndex(), THREE_OF_FOUR, tally), partial, ETH_32);

    assertThat(report.lostToThreshold()).isZero();
    assertThat(report.components()).allMatch(c -> c.earned() && c.ideal() == c.actual() && c.margin() == 0);
  }

  @Test
  void inALeakAMissedTargetAlsoLosesTheInactivityPenalty() {
    AttestationRewardsReport leak = new AttestationRewardsCalculator(SPEC).compute(TestChains.leak().endOfEpoch6());
    AttestationRewards absent = leak.totalFor(UInt64.ONE).orElseThrow(); // odd validators never attest
    ParticipationTally tally = ParticipationTally.empty(4).withFlags(0, ALL).withFlags(1, ALL);

    GroupRewardReport report = GroupRewardReport.of(
        GroupParticipationReport.of(absent.validatorIndex(), THREE_OF_FOUR, tally), leak, ETH_32);

    ComponentOutcome inactivity = report.component("inactivity");
    assertThat(inactivity.earned()).isFalse();
    assertThat(inactivity.lostToThreshold()).isEqualTo(-absent.inactivity()).isPositive();
    // no flag pays in a leak: the whole loss is the penalties
    assertThat(report.component("head").lostToThreshold()).isZero();
    assertThat(report.lostToThreshold()).isEqualTo(-absent.total());
  }

  @Test
  void rejectsRewardsThatContradictTheGroupsFlags() {
    AttestationRewards full = partial.totalRewards().stream().filter(r -> r.head() > 0).findFirst().orElseThrow();
    AttestationRewards absent = partial.totalFor(UInt64.ZERO).orElseThrow();
    IdealAttestationRewards ideal = partial.idealFor(ETH_32).orElseThrow();
    ParticipationTally headShort = ParticipationTally.empty(4)
        .withFlags(0, ALL).withFlags(1, ALL).withFlags(2, TIMELY_SOURCE | TIMELY_TARGET);
    ParticipationTally everything = ParticipationTally.empty(4).withFlags(0, ALL).withFlags(1, ALL).withFlags(2, ALL);

    // the validator was paid for head, but the members did not reach m for it
    assertThatThrownBy(() -> GroupRewardReport.of(
        GroupParticipationReport.of(full.validatorIndex(), THREE_OF_FOUR, headShort), ideal, full))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head");
    // the members reached m for every flag, but the validator was charged
    assertThatThrownBy(() -> GroupRewardReport.of(
        GroupParticipationReport.of(absent.validatorIndex(), THREE_OF_FOUR, everything), ideal, absent))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
    // another validator's rewards
    assertThatThrownBy(() -> GroupRewardReport.of(
        GroupParticipationReport.of(UInt64.valueOf(999), THREE_OF_FOUR, everything), ideal, full))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999");
  }

  @Test
  void worksOnPlainNumbersForSimulatedGroups() {
    UInt64 v = UInt64.valueOf(7);
    IdealAttestationRewards ideal = new IdealAttestationRewards(ETH_32, 14_000, 26_000, 14_000, 0);
    // 2 of 3 members timely for head with m = 3; source and target reached
    AttestationRewards actual = new AttestationRewards(v, 0, 26_000, 14_000, 0);
    ParticipationTally tally = ParticipationTally.empty(3)
        .withFlags(0, ALL).withFlags(1, ALL).withFlags(2, TIMELY_SOURCE | TIMELY_TARGET);

    GroupRewardReport report = GroupRewardReport.of(
        GroupParticipationReport.of(v, new GroupThreshold(3, 3), tally), ideal, actual);

    assertThat(report.lostToThreshold()).isEqualTo(14_000);
    assertThat(report.threshold()).isEqualTo(3);
    assertThat(report.memberCount()).isEqualTo(3);
  }
}
