package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The array-based epoch steps against a line-by-line transcription of the spec
 * ({@link StraightEpochSteps}) on seeded random states, and {@code process_epoch}, which shares
 * one {@link ValidatorStatuses} between its steps, against the steps run one by one.
 */
class EpochProcessorFuluTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final RandomEpochStates STATES = new RandomEpochStates(SPEC);
  private static final StraightEpochSteps STRAIGHT = new StraightEpochSteps(SPEC);
  private static final int VALIDATORS = 160;

  record Scenario(long seed, long epoch, boolean leak) {
    BeaconState state() {
      return STATES.create(seed, VALIDATORS, epoch, leak);
    }

    @Override
    public String toString() {
      return "seed " + seed + ", epoch " + epoch + (leak ? ", inactivity leak" : "");
    }
  }

  static Stream<Scenario> scenarios() {
    List<Scenario> out = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      out.add(new Scenario(seed, 20, false));
      out.add(new Scenario(seed, 23, false)); // next epoch starts a sync committee period and an eth1 voting period
      out.add(new Scenario(seed, 21, true));
    }
    return out.stream();
  }

  private static BeaconState run(BeaconState pre, Consumer<MutableBeaconState> step) {
    MutableBeaconState state = new MutableBeaconState(pre);
    step.accept(state);
    return state.commit();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void eachSweepingStepMatchesTheSpecTranscription(Scenario scenario) {
    BeaconState pre = scenario.state();
    EpochProcessorFulu fast = SPEC.epochProcessor();
    Map<String, List<Consumer<MutableBeaconState>>> steps = new LinkedHashMap<>();
    steps.put("justification_and_finalization",
        List.of(fast::processJustificationAndFinalization, STRAIGHT::processJustificationAndFinalization));
    steps.put("inactivity_updates", List.of(fast::processInactivityUpdates, STRAIGHT::processInactivityUpdates));
    steps.put("rewards_and_penalties", List.of(fast::processRewardsAndPenalties, STRAIGHT::processRewardsAndPenalties));
    steps.put("registry_updates", List.of(fast::processRegistryUpdates, STRAIGHT::processRegistryUpdates));
    steps.put("slashings", List.of(fast::processSlashings, STRAIGHT::processSlashings));
    steps.put("effective_balance_updates",
        List.of(fast::processEffectiveBalanceUpdates, STRAIGHT::processEffectiveBalanceUpdates));
    for (var e : steps.entrySet()) {
      BeaconState viaArrays = run(pre, e.getValue().get(0));
      BeaconState viaSpec = run(pre, e.getValue().get(1));
      assertThat(viaArrays.hashTreeRoot()).as(e.getKey()).isEqualTo(viaSpec.hashTreeRoot());
      if (!e.getKey().equals("justification_and_finalization")) {
        // the random states are built so that every sweeping step has work to do
        assertThat(viaArrays.hashTreeRoot()).as(e.getKey() + " changes the state").isNotEqualTo(pre.hashTreeRoot());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void deltaFunctionsMatchTheSpecTranscription(Scenario scenario) {
    MutableBeaconState state = new MutableBeaconState(scenario.state());
    EpochProcessorFulu fast = SPEC.epochProcessor();
    for (int f = 0; f < PARTICIPATION_FLAG_WEIGHTS.length; f++) {
      assertSameDeltas("flag " + f, fast.getFlagIndexDeltas(state, f), STRAIGHT.flagIndexDeltas(state, f));
    }
    assertSameDeltas("inactivity", fast.getInactivityPenaltyDeltas(state), STRAIGHT.inactivityPenaltyDeltas(state));
  }

  private static void assertSameDeltas(String what, Deltas actual, UInt64[][] expected) {
    assertThat(actual.rewards()).as(what + " rewards").containsExactly(longs(expected[0]));
    assertThat(actual.penalties()).as(what + " penalties").containsExactly(longs(expected[1]));
  }

  private static long[] longs(UInt64[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].longValue();
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void processEpochSharingStatusesEqualsTheStepsRunOneByOne(Scenario scenario) {
    BeaconState pre = scenario.state();
    EpochProcessorFulu p = SPEC.epochProcessor();
    BeaconState whole = run(pre, p::processEpoch);

    List<Consumer<MutableBeaconState>> oneByOne = List.of(
        p::processJustificationAndFinalization, p::processInactivityUpdates, p::processRewardsAndPenalties,
        p::processRegistryUpdates, p::processSlashings, p::processEth1DataReset, p::processPendingDeposits,
        p::processPendingConsolidations, p::processEffectiveBalanceUpdates, p::processSlashingsReset,
        p::processRandaoMixesReset, p::processHistoricalSummariesUpdate, p::processParticipationFlagUpdates,
        p::processSyncCommitteeUpdates, p::processProposerLookahead);
    BeaconState stepwise = run(pre, s -> oneByOne.forEach(step -> step.accept(s)));
    assertThat(whole.hashTreeRoot()).isEqualTo(stepwise.hashTreeRoot());

    List<Consumer<MutableBeaconState>> transcribed = List.of(
        STRAIGHT::processJustificationAndFinalization, STRAIGHT::processInactivityUpdates,
        STRAIGHT::processRewardsAndPenalties, STRAIGHT::processRegistryUpdates, STRAIGHT::processSlashings,
        p::processEth1DataReset, p::processPendingDeposits, p::processPendingConsolidations,
        STRAIGHT::processEffectiveBalanceUpdates, p::processSlashingsReset, p::processRandaoMixesReset,
        p::processHistoricalSummariesUpdate, p::processParticipationFlagUpdates, p::processSyncCommitteeUpdates,
        p::processProposerLookahead);
    BeaconState spec = run(pre, s -> transcribed.forEach(step -> step.accept(s)));
    assertThat(whole.hashTreeRoot()).isEqualTo(spec.hashTreeRoot());
    assertThat(whole.validators().size()).as("pending deposits added validators").isGreaterThan(VALIDATORS);
  }

  @Test
  void rewardsApplyEachDeltaSetInTurnWithTheBalanceFloorAtZero() {
    // A validator with 1 gwei that missed the source vote but made the target: the source penalty
    // takes the balance to zero before the target reward is added, so it ends with exactly the
    // target reward (netting rewards against penalties first would leave less).
    BeaconState pre = new Scenario(7, 20, false).state();
    MutableBeaconState state = new MutableBeaconState(pre);
    int index = firstActiveUnslashed(state);
    state.balances().set(index, UInt64.ONE);
    state.previousEpochParticipation().set(index, 1 << TIMELY_TARGET_FLAG_INDEX);
    BeaconState prepared = state.commit();

    MutableBeaconState probe = new MutableBeaconState(prepared);
    long sourcePenalty = SPEC.epochProcessor().getFlagIndexDeltas(probe, 0).penalties()[index];
    long targetReward = SPEC.epochProcessor().getFlagIndexDeltas(probe, TIMELY_TARGET_FLAG_INDEX).rewards()[index];
    assertThat(sourcePenalty).isGreaterThan(1);
    assertThat(targetReward).isPositive();

    BeaconState after = run(prepared, SPEC.epochProcessor()::processRewardsAndPenalties);
    assertThat(after.balances().get(index)).isEqualTo(UInt64.valueOf(targetReward));
  }

  private static int firstActiveUnslashed(MutableBeaconState state) {
    UInt64 previous = SPEC.accessors().getPreviousEpoch(state);
    for (int i = 0; ; i++) {
      var v = state.validators().get(i);
      if (!v.slashed() && SPEC.predicates().isActiveValidator(v, previous)
          && SPEC.predicates().isActiveValidator(v, SPEC.accessors().getCurrentEpoch(state))) {
        return i;
      }
    }
  }

  @Test
  void unslashedParticipatingIndicesAreTheActiveUnslashedValidatorsWithTheFlag() {
    MutableBeaconState state = new MutableBeaconState(new Scenario(5, 20, false).state());
    UInt64 previous = SPEC.accessors().getPreviousEpoch(state);
    for (int f = 0; f < PARTICIPATION_FLAG_WEIGHTS.length; f++) {
      int[] fast = SPEC.epochProcessor().getUnslashedParticipatingIndices(state, f, previous);
      assertThat(fast).containsExactly(STRAIGHT.unslashedParticipatingIndices(state, f, previous).stream().mapToInt(i -> i).toArray());
      assertThat(fast).isNotEmpty();
    }
  }
}
