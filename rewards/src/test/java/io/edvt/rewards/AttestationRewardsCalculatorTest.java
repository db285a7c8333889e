package io.edvt.rewards;

import static io.edvt.rewards.TestChains.LATE_SLOT;
import static io.edvt.rewards.TestChains.SLASHED;
import static io.edvt.rewards.TestChains.SLOTS_PER_EPOCH;
import static io.edvt.rewards.TestChains.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The attestation rewards report against the real epoch transition, on real signed chains with
 * partial participation, a late slot, a slashed attester and an inactivity leak.
 */
class AttestationRewardsCalculatorTest {
  private static final UInt64 ETH = UInt64.valueOf(1_000_000_000L);
  private static final UInt64 EPOCH_1 = UInt64.ONE;
  private final AttestationRewardsCalculator calculator = new AttestationRewardsCalculator(SPEC);

  @Test
  void theReportAppliedToTheBalancesGivesExactlyTheBalancesOfTheRewardsStep() {
    BeaconState state = TestChains.partial().endOfEpoch2();
    AttestationRewardsReport report = calculator.compute(state);

    // process_epoch up to and including process_rewards_and_penalties, on a copy at the same slot
    MutableBeaconState working = new MutableBeaconState(state);
    EpochProcessorFulu epochProcessor = SPEC.epochProcessor();
    epochProcessor.processJustificationAndFinalization(working);
    epochProcessor.processInactivityUpdates(working);
    epochProcessor.processRewardsAndPenalties(working);

    assertThat(report.epoch()).isEqualTo(EPOCH_1);
    assertThat(balancesWithReportApplied(state, report)).isEqualTo(longs(working.commit().balances()));
  }

  @Test
  void theReportMatchesTheBalancesAfterTheRealEpochTransition() {
    BeaconState state = TestChains.partial().endOfEpoch2();
    // no step after the rewards changes a balance in this chain: no pending deposits or
    // consolidations, and the slashing's proportional penalty falls half a slashings vector later
    assertThat(state.pendingDeposits().size()).isZero();
    assertThat(state.pendingConsolidations().size()).isZero();

    BeaconState next = SPEC.stateTransition().processSlots(state, UInt64.valueOf(3L * SLOTS_PER_EPOCH));

    assertThat(balancesWithReportApplied(state, calculator.compute(state))).isEqualTo(longs(next.balances()));
  }

  @Test
  void eachComponentFollowsTheFlagTheValidatorHeld() {
    BeaconState state = TestChains.partial().endOfEpoch2();
    AttestationRewardsReport report = calculator.compute(state);
    IdealAttestationRewards ideal32 = report.idealFor(ETH.times(32)).orElseThrow();
    List<Integer> lateCommittee = lateCommittee(state);

    List<Integer> full = new ArrayList<>();
    List<Integer> late = new ArrayList<>();
    List<Integer> absent = new ArrayList<>();
    for (AttestationRewards r : report.totalRewards()) {
      int i = r.validatorIndex().intValue();
      assertThat(r.inactivity()).as("no leak, no inactivity penalty (validator %d)", i).isZero();
      if (i == SLASHED || !TestChains.partialAttester(i)) {
        // a slashed validator's votes do not count: it is charged like an absent one
        absent.add(i);
        assertThat(r.source()).isEqualTo(-flagPenalty32(state, 14));
        assertThat(r.target()).isEqualTo(-flagPenalty32(state, 26));
        assertThat(r.head()).isZero();
      } else if (lateCommittee.contains(i)) {
        late.add(i);
        assertThat(r.head()).isZero();
        assertThat(r.target()).isEqualTo(ideal32.target());
        assertThat(r.source()).isEqualTo(ideal32.source());
      } else {
        full.add(i);
        assertThat(List.of(r.head(), r.target(), r.source()))
            .containsExactly(ideal32.head(), ideal32.target(), ideal32.source());
      }
    }
    assertThat(full).hasSizeGreaterThan(20);
    assertThat(late).isNotEmpty();
    assertThat(absent).contains(SLASHED, 0, 4);
    assertThat(ideal32.head()).isPositive();
  }

  @Test
  void idealRewardsCoverEveryEffectiveBalanceStepUpToTheElectraMaximum() {
    AttestationRewardsReport report = calculator.compute(TestChains.partial().endOfEpoch2());
    List<IdealAttestationRewards> ideal = report.idealRewards();

    assertThat(ideal).hasSize(2048);
    for (int k = 0; k < ideal.size(); k++) {
      assertThat(ideal.get(k).effectiveBalance()).isEqualTo(ETH.times(k + 1));
      assertThat(ideal.get(k).inactivity()).isZero();
      if (k > 0) {
        assertThat(ideal.get(k).target()).isGreaterThanOrEqualTo(ideal.get(k - 1).target());
      }
    }
    // source and head weigh the same (14), but fewer validators earned head (the late slot)
    IdealAttestationRewards top = ideal.getLast();
    assertThat(top.head()).isPositive().isLessThan(top.source());
  }

  @Test
  void everyEligibleValidatorIsReportedOnceInIndexOrder() {
    AttestationRewardsReport report = calculator.compute(TestChains.partial().endOfEpoch2());

    assertThat(report.totalRewards()).extracting(r -> r.validatorIndex().intValue())
        .containsExactlyElementsOf(IntStream.range(0, TestChains.VALIDATORS).boxed().toList());
    assertThat(report.totalFor(UInt64.valueOf(17))).map(AttestationRewards::validatorIndex).contains(UInt64.valueOf(17));
    assertThat(report.totalFor(UInt64.valueOf(TestChains.VALIDATORS))).isEmpty();
  }

  @Test
  void aStateEarlierInThePayingEpochIsTakenAsIfTheRestOfTheEpochHadNoBlocks() {
    BeaconState mid = TestChains.partial().midEpoch2();
    BeaconState next = SPEC.stateTransition().processSlots(mid, UInt64.valueOf(3L * SLOTS_PER_EPOCH));

    AttestationRewardsReport early = calculator.compute(mid, EPOCH_1);

    assertThat(balancesWithReportApplied(mid, early)).isEqualTo(longs(next.balances()));
    // every attestation of epoch 1 was in a block by slot 16, so the rest of epoch 2 changes nothing
    assertThat(early).isEqualTo(calculator.compute(TestChains.partial().endOfEpoch2()));
  }

  @Test
  void inAnInactivityLeakFlagsPayNothingAndAbsentValidatorsPayTheInactivityPenalty() {
    BeaconState state = TestChains.leak().endOfEpoch6();
    AttestationRewardsReport report = calculator.compute(state);
    BeaconState next = SPEC.stateTransition().processSlots(state, UInt64.valueOf(7L * SLOTS_PER_EPOCH));

    assertThat(state.finalizedCheckpoint().epoch()).isEqualTo(UInt64.ZERO);
    assertThat(report.epoch()).isEqualTo(UInt64.valueOf(5));
    assertThat(balancesWithReportApplied(state, report)).isEqualTo(longs(next.balances()));
    assertThat(report.idealRewards()).allSatisfy(r ->
        assertThat(List.of(r.head(), r.target(), r.source(), r.inactivity())).containsOnly(0L));
    for (AttestationRewards r : report.totalRewards()) {
      if (r.validatorIndex().intValue() % 2 == 0) {
        assertThat(List.of(r.head(), r.target(), r.source(), r.inactivity())).containsOnly(0L);
      } else {
        assertThat(r.source()).isNegative();
        assertThat(r.target()).isNegative();
        assertThat(r.head()).isZero();
        assertThat(r.inactivity()).isNegative();
      }
    }
  }

  @Test
  void rejectsAStateThatIsNotInTheEpochThatPaysTheRewards() {
    BeaconState state = TestChains.partial().endOfEpoch2();
    BeaconState genesis = new GenesisFulu(SPEC).interop(TestChains.VALIDATORS, UInt64.ZERO,
        SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);

    assertThatThrownBy(() -> calculator.compute(state, UInt64.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch 1");
    assertThatThrownBy(() -> calculator.compute(state, UInt64.valueOf(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch 3");
    assertThatThrownBy(() -> calculator.compute(genesis))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genesis epoch");
  }

  @Test
  void theCallersStateIsNotModified() {
    BeaconState state = TestChains.partial().endOfEpoch2();
    var root = state.hashTreeRoot();
    calculator.compute(state);
    assertThat(state.hashTreeRoot()).isEqualTo(root);
  }

  /** The balances of {@code state} with each reported validator's total added. */
  private static List<Long> balancesWithReportApplied(BeaconState state, AttestationRewardsReport report) {
    List<Long> out = new ArrayList<>(longs(state.balances()));
    for (AttestationRewards r : report.totalRewards()) {
      int i = r.validatorIndex().intValue();
      out.set(i, Math.addExact(out.get(i), r.total()));
    }
    return out;
  }

  private static List<Long> longs(Iterable<UInt64> values) {
    List<Long> out = new ArrayList<>();
    values.forEach(v -> out.add(v.longValue()));
    return out;
  }

  /** The members of slot 12's committees: their attestations were included with delay 2. */
  private static List<Integer> lateCommittee(BeaconState state) {
    MutableBeaconState view = new MutableBeaconState(state);
    List<Integer> out = new ArrayList<>();
    int committees = SPEC.accessors().getCommitteeCountPerSlot(view, EPOCH_1);
    for (int k = 0; k < committees; k++) {
      for (int i : SPEC.accessors().getBeaconCommittee(view, LATE_SLOT, k)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * {@code get_flag_index_deltas}'s penalty for a 32 ETH validator without the flag, straight
   * from the spec: {@code base_reward * weight // WEIGHT_DENOMINATOR}.
   */
  private static long flagPenalty32(BeaconState state, long weight) {
    long baseReward = SPEC.accessors().getBaseRewardPerIncrement(new MutableBeaconState(state)).longValue() * 32;
    return baseReward * weight / 64;
  }
}
