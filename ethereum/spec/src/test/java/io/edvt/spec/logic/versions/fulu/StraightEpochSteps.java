package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sweeping epoch steps transcribed line by line from the spec's Python: per validator, with
 * {@code UInt64} and the state's list editors, and the totals recomputed from scratch. Slow and
 * plainly right; the tests check the array-based steps against it.
 */
final class StraightEpochSteps {
  private final SpecConfig config;
  private final BeaconStateAccessorsFulu accessors;
  private final PredicatesFulu predicates;
  private final BeaconStateMutatorsFulu mutators;
  private final MiscHelpersFulu misc;
  private final EpochProcessorFulu processor;

  StraightEpochSteps(SpecFulu spec) {
    this.config = spec.config();
    this.accessors = spec.accessors();
    this.predicates = spec.predicates();
    this.mutators = spec.mutators();
    this.misc = spec.misc();
    this.processor = spec.epochProcessor();
  }

  UInt64 totalActiveBalance(MutableBeaconState state) {
    UInt64 epoch = accessors.getCurrentEpoch(state);
    List<Integer> active = new ArrayList<>();
    for (int i = 0; i < state.validators().size(); i++) {
      if (predicates.isActiveValidator(state.validators().get(i), epoch)) {
        active.add(i);
      }
    }
    return totalBalance(state, active);
  }

  UInt64 totalBalance(MutableBeaconState state, Iterable<Integer> indices) {
    UInt64 sum = UInt64.ZERO;
    for (int i : indices) {
      sum = sum.plus(state.validators().get(i).effectiveBalance());
    }
    return sum.max(config.effectiveBalanceIncrement());
  }

  Set<Integer> unslashedParticipatingIndices(MutableBeaconState state, int flagIndex, UInt64 epoch) {
    SszListEditor<Integer> participation = epoch.equals(accessors.getCurrentEpoch(state))
        ? state.currentEpochParticipation()
        : state.previousEpochParticipation();
    Set<Integer> out = new TreeSet<>();
    for (int i = 0; i < state.validators().size(); i++) {
      Validator v = state.validators().get(i);
      if (predicates.isActiveValidator(v, epoch) && (participation.get(i) & (1 << flagIndex)) != 0 && !v.slashed()) {
        out.add(i);
      }
    }
    return out;
  }

  List<Integer> eligibleValidatorIndices(MutableBeaconState state) {
    UInt64 previousEpoch = accessors.getPreviousEpoch(state);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < state.validators().size(); i++) {
      Validator v = state.validators().get(i);
      if (predicates.isActiveValidator(v, previousEpoch)
          || (v.slashed() && previousEpoch.plus(1).isLessThan(v.withdrawableEpoch()))) {
        out.add(i);
      }
    }
    return out;
  }

  boolean isInInactivityLeak(MutableBeaconState state) {
    return accessors.getPreviousEpoch(state).minus(state.finalizedCheckpoint().epoch())
        .isGreaterThan(config.minEpochsToInactivityPenalty());
  }

  void processJustificationAndFinalization(MutableBeaconState state) {
    if (accessors.getCurrentEpoch(state).isLessThanOrEqualTo(UInt64.ONE)) {
      return;
    }
    Set<Integer> previous = unslashedParticipatingIndices(state, TIMELY_TARGET_FLAG_INDEX, accessors.getPreviousEpoch(state));
    Set<Integer> current = unslashedParticipatingIndices(state, TIMELY_TARGET_FLAG_INDEX, accessors.getCurrentEpoch(state));
    processor.weighJustificationAndFinalization(state, totalActiveBalance(state), totalBalance(state, previous),
        totalBalance(state, current));
  }

  void processInactivityUpdates(MutableBeaconState state) {
    if (accessors.getCurrentEpoch(state).isZero()) {
      return;
    }
    SszListEditor<UInt64> scores = state.inactivityScores();
    Set<Integer> target = unslashedParticipatingIndices(state, TIMELY_TARGET_FLAG_INDEX, accessors.getPreviousEpoch(state));
    boolean leak = isInInactivityLeak(state);
    for (int index : eligibleValidatorIndices(state)) {
      if (target.contains(index)) {
        scores.set(index, scores.get(index).minus(UInt64.ONE.min(scores.get(index))));
      } else {
        scores.set(index, scores.get(index).plus(config.inactivityScoreBias()));
      }
      if (!leak) {
        scores.set(index, scores.get(index).minus(UInt64.valueOf(config.inactivityScoreRecoveryRate()).min(scores.get(index))));
      }
    }
  }

  UInt64 baseReward(MutableBeaconState state, int index) {
    UInt64 perIncrement = config.effectiveBalanceIncrement().times(config.baseRewardFactor())
        .dividedBy(MiscHelpersFulu.integerSquareRoot(totalActiveBalance(state)));
    return state.validators().get(index).effectiveBalance().dividedBy(config.effectiveBalanceIncrement()).times(perIncrement);
  }

  UInt64[][] flagIndexDeltas(MutableBeaconState state, int flagIndex) {
    int n = state.validators().size();
    UInt64[] rewards = zeros(n);
    UInt64[] penalties = zeros(n);
    Set<Integer> participating = unslashedParticipatingIndices(state, flagIndex, accessors.getPreviousEpoch(state));
    long weight = PARTICIPATION_FLAG_WEIGHTS[flagIndex];
    UInt64 participatingIncrements = totalBalance(state, participating).dividedBy(config.effectiveBalanceIncrement());
    UInt64 activeIncrements = totalActiveBalance(state).dividedBy(config.effectiveBalanceIncrement());
    for (int index : eligibleValidatorIndices(state)) {
      UInt64 baseReward = baseReward(state, index);
      if (participating.contains(index)) {
        if (!isInInactivityLeak(state)) {
          UInt64 numerator = baseReward.times(weight).times(participatingIncrements);
          rewards[index] = rewards[index].plus(numerator.dividedBy(activeIncrements.times(WEIGHT_DENOMINATOR)));
        }
      } else if (flagIndex != TIMELY_HEAD_FLAG_INDEX) {
        penalties[index] = penalties[index].plus(baseReward.times(weight).dividedBy(WEIGHT_DENOMINATOR));
      }
    }
    return new UInt64[][] {rewards, penalties};
  }

  UInt64[][] inactivityPenaltyDeltas(MutableBeaconState state) {
    int n = state.validators().size();
    UInt64[] rewards = zeros(n);
    UInt64[] penalties = zeros(n);
    Set<Integer> target = unslashedParticipatingIndices(state, TIMELY_TARGET_FLAG_INDEX, accessors.getPreviousEpoch(state));
    for (int index : eligibleValidatorIndices(state)) {
      if (!target.contains(index)) {
        UInt64 numerator = state.validators().get(index).effectiveBalance().times(state.inactivityScores().get(index));
        UInt64 denominator = UInt64.valueOf(config.inactivityScoreBias()).times(config.inactivityPenaltyQuotientBellatrix());
        penalties[index] = penalties[index].plus(numerator.dividedBy(denominator));
      }
    }
    return new UInt64[][] {rewards, penalties};
  }

  void processRewardsAndPenalties(MutableBeaconState state) {
    if (accessors.getCurrentEpoch(state).isZero()) {
      return;
    }
    List<UInt64[][]> deltas = new ArrayList<>();
    for (int f = 0; f < PARTICIPATION_FLAG_WEIGHTS.length; f++) {
      deltas.add(flagIndexDeltas(state, f));
    }
    deltas.add(inactivityPenaltyDeltas(state));
    for (UInt64[][] d : deltas) {
      for (int index = 0; index < state.validators().size(); index++) {
        mutators.increaseBalance(state, index, d[0][index]);
        mutators.decreaseBalance(state, index, d[1][index]);
      }
    }
  }

  void processRegistryUpdates(MutableBeaconState state) {
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    UInt64 activationEpoch = misc.computeActivationExitEpoch(currentEpoch);
    SszListEditor<Validator> validators = state.validators();
    for (int index = 0; index < validators.size(); index++) {
      Validator validator = validators.get(index);
      if (predicates.isEligibleForActivationQueue(validator)) {
        validators.set(index, validator.withActivationEligibilityEpoch(currentEpoch.plus(1)));
      } else if (predicates.isActiveValidator(validator, currentEpoch)
          && validator.effectiveBalance().isLessThanOrEqualTo(config.ejectionBalance())) {
        mutators.initiateValidatorExit(state, index);
      } else if (predicates.isEligibleForActivation(validator, state.finalizedCheckpoint().epoch())) {
        validators.set(index, validator.withActivationEpoch(activationEpoch));
      }
    }
  }

  void processSlashings(MutableBeaconState state) {
    UInt64 epoch = accessors.getCurrentEpoch(state);
    UInt64 totalBalance = totalActiveBalance(state);
    UInt64 sum = UInt64.ZERO;
    for (int i = 0; i < state.slashings().size(); i++) {
      sum = sum.plus(state.slashings().get(i));
    }
    UInt64 adjusted = sum.times(config.proportionalSlashingMultiplierBellatrix()).min(totalBalance);
    UInt64 increment = config.effectiveBalanceIncrement();
    UInt64 penaltyPerIncrement = adjusted.dividedBy(totalBalance.dividedBy(increment));
    for (int index = 0; index < state.validators().size(); index++) {
      Validator validator = state.validators().get(index);
      if (validator.slashed() && epoch.plus(config.epochsPerSlashingsVector() / 2).equals(validator.withdrawableEpoch())) {
        UInt64 penalty = penaltyPerIncrement.times(validator.effectiveBalance().dividedBy(increment));
        mutators.decreaseBalance(state, index, penalty);
      }
    }
  }

  void processEffectiveBalanceUpdates(MutableBeaconState state) {
    UInt64 hysteresisIncrement = config.effectiveBalanceIncrement().dividedBy(config.hysteresisQuotient());
    UInt64 downward = hysteresisIncrement.times(config.hysteresisDownwardMultiplier());
    UInt64 upward = hysteresisIncrement.times(config.hysteresisUpwardMultiplier());
    SszListEditor<Validator> validators = state.validators();
    for (int index = 0; index < validators.size(); index++) {
      Validator validator = validators.get(index);
      UInt64 balance = state.balances().get(index);
      UInt64 max = predicates.getMaxEffectiveBalance(validator);
      if (balance.plus(downward).isLessThan(validator.effectiveBalance())
          || validator.effectiveBalance().plus(upward).isLessThan(balance)) {
        validators.set(index, validator.withEffectiveBalance(
            balance.minus(balance.mod(config.effectiveBalanceIncrement())).min(max)));
      }
    }
    accessors.invalidateTotalActiveBalance(state);
  }

  private static UInt64[] zeros(int n) {
    UInt64[] out = new UInt64[n];
    java.util.Arrays.fill(out, UInt64.ZERO);
    return out;
  }
}
