package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.GENESIS_EPOCH;
import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.common.Uint64Math;
import java.util.Arrays;

/**
 * The Altair incentive accounting as Fulu runs it: inactivity scores, the per-flag and
 * inactivity deltas, and their application to the balances. The per-validator loops work on
 * {@link ValidatorStatuses} and {@code long[]} copies of the balances and scores, which are
 * written back as whole lists; the reward of each flag is looked up by effective balance
 * increments instead of being divided out per validator.
 */
public class RewardsAndPenaltiesFulu {
  /** The rewards and penalties of one delta function, indexed by validator. */
  public record Deltas(long[] rewards, long[] penalties) {}

  protected final SpecConfig config;
  protected final BeaconStateAccessorsFulu accessors;

  public RewardsAndPenaltiesFulu(SpecConfig config, BeaconStateAccessorsFulu accessors) {
    this.config = config;
    this.accessors = accessors;
  }

  /** {@code is_in_inactivity_leak} (phase0): the finality delay exceeds {@code MIN_EPOCHS_TO_INACTIVITY_PENALTY}. */
  public boolean isInInactivityLeak(MutableBeaconState state) {
    UInt64 finalityDelay = accessors.getPreviousEpoch(state).minus(state.finalizedCheckpoint().epoch());
    return finalityDelay.isGreaterThan(config.minEpochsToInactivityPenalty());
  }

  /**
   * {@code process_inactivity_updates} (Altair) on the statuses' eligible validators. Returns the
   * new scores (also written to the state), or null at genesis where nothing changes.
   */
  public long[] processInactivityUpdates(MutableBeaconState state, ValidatorStatuses statuses) {
    if (statuses.currentEpoch() == GENESIS_EPOCH.longValue()) {
      return null;
    }
    SszList<UInt64> list = state.listValue(BeaconState.INACTIVITY_SCORES);
    long[] scores = list.toLongArray();
    checkLength("inactivity_scores", scores.length, statuses.size());
    boolean leak = isInInactivityLeak(state);
    long bias = config.inactivityScoreBias();
    long recovery = config.inactivityScoreRecoveryRate();
    for (int i = 0; i < statuses.size(); i++) {
      int st = statuses.status(i);
      if ((st & ValidatorStatuses.ELIGIBLE) == 0) {
        continue;
      }
      long score = scores[i];
      if ((st & ValidatorStatuses.PREVIOUS_TARGET) != 0) {
        score -= Uint64Math.min(1, score);
      } else {
        score = Uint64Math.add(score, bias);
      }
      if (!leak) {
        score -= Uint64Math.min(recovery, score);
      }
      scores[i] = score;
    }
    state.setList(BeaconState.INACTIVITY_SCORES, list.withLongs(scores));
    return scores;
  }

  /**
   * {@code process_rewards_and_penalties} (Altair): the three flag deltas and the inactivity
   * deltas, applied per validator in the spec's order (each reward added, then each penalty
   * taken with the floor at zero), written back as one balances list. {@code inactivityScores}
   * are the scores after {@code process_inactivity_updates}, or null to read them from the state.
   */
  public void processRewardsAndPenalties(MutableBeaconState state, ValidatorStatuses statuses, long[] inactivityScores) {
    if (statuses.currentEpoch() == GENESIS_EPOCH.longValue()) {
      return;
    }
    long[] scores = inactivityScores != null
        ? inactivityScores
        : state.<UInt64>listValue(BeaconState.INACTIVITY_SCORES).toLongArray();
    SszList<UInt64> balanceList = state.listValue(BeaconState.BALANCES);
    long[] balances = balanceList.toLongArray();
    checkLength("inactivity_scores", scores.length, statuses.size());
    checkLength("balances", balances.length, statuses.size());

    FlagRewards flagRewards = new FlagRewards(state, statuses);
    long[] effectiveBalances = statuses.effectiveBalances();
    long inactivityDenominator = inactivityPenaltyDenominator();
    for (int i = 0; i < statuses.size(); i++) {
      int st = statuses.status(i);
      if ((st & ValidatorStatuses.ELIGIBLE) == 0) {
        continue;
      }
      long balance = balances[i];
      long eb = effectiveBalances[i];
      for (int f = 0; f < PARTICIPATION_FLAG_WEIGHTS.length; f++) {
        if ((st & (ValidatorStatuses.PREVIOUS_SOURCE << f)) != 0) {
          balance = Uint64Math.add(balance, flagRewards.reward(f, eb));
        } else {
          balance = Uint64Math.subMinZero(balance, flagRewards.penalty(f, eb));
        }
      }
      if ((st & ValidatorStatuses.PREVIOUS_TARGET) == 0) {
        balance = Uint64Math.subMinZero(balance, Uint64Math.div(Uint64Math.mul(eb, scores[i]), inactivityDenominator));
      }
      balances[i] = balance;
    }
    state.setList(BeaconState.BALANCES, balanceList.withLongs(balances));
  }

  /** {@code get_flag_index_deltas} (Altair). */
  public Deltas getFlagIndexDeltas(MutableBeaconState state, ValidatorStatuses statuses, int flagIndex) {
    StateTransitionException.check(flagIndex >= 0 && flagIndex < PARTICIPATION_FLAG_WEIGHTS.length,
        "flag_index < len(PARTICIPATION_FLAG_WEIGHTS)", flagIndex);
    int n = statuses.size();
    long[] rewards = new long[n];
    long[] penalties = new long[n];
    FlagRewards flagRewards = new FlagRewards(state, statuses);
    long[] effectiveBalances = statuses.effectiveBalances();
    for (int i = 0; i < n; i++) {
      int st = statuses.status(i);
      if ((st & ValidatorStatuses.ELIGIBLE) == 0) {
        continue;
      }
      if ((st & (ValidatorStatuses.PREVIOUS_SOURCE << flagIndex)) != 0) {
        rewards[i] = flagRewards.reward(flagIndex, effectiveBalances[i]);
      } else {
        penalties[i] = flagRewards.penalty(flagIndex, effectiveBalances[i]);
      }
    }
    return new Deltas(rewards, penalties);
  }

  /**
   * The flag rewards and penalties that {@link #processRewardsAndPenalties} and
   * {@link #getFlagIndexDeltas} apply for {@code statuses}, as functions of the effective balance:
   * what a validator of any effective balance would receive for a flag it holds, or be charged
   * for one it lacks, in this epoch transition. {@code state} must be as the rewards step sees it
   * (after {@code process_justification_and_finalization}, which decides the inactivity leak).
   */
  public FlagRewards flagRewards(MutableBeaconState state, ValidatorStatuses statuses) {
    return new FlagRewards(state, statuses);
  }

  /** {@code get_inactivity_penalty_deltas} (Bellatrix: {@code INACTIVITY_PENALTY_QUOTIENT_BELLATRIX}). */
  public Deltas getInactivityPenaltyDeltas(MutableBeaconState state, ValidatorStatuses statuses) {
    int n = statuses.size();
    long[] rewards = new long[n];
    long[] penalties = new long[n];
    long[] scores = state.<UInt64>listValue(BeaconState.INACTIVITY_SCORES).toLongArray();
    checkLength("inactivity_scores", scores.length, n);
    long denominator = inactivityPenaltyDenominator();
    long[] effectiveBalances = statuses.effectiveBalances();
    for (int i = 0; i < n; i++) {
      int st = statuses.status(i);
      if ((st & ValidatorStatuses.ELIGIBLE) != 0 && (st & ValidatorStatuses.PREVIOUS_TARGET) == 0) {
        penalties[i] = Uint64Math.div(Uint64Math.mul(effectiveBalances[i], scores[i]), denominator);
      }
    }
    return new Deltas(rewards, penalties);
  }

  private long inactivityPenaltyDenominator() {
    return Uint64Math.mul(config.inactivityScoreBias(), config.inactivityPenaltyQuotientBellatrix());
  }

  private static void checkLength(String list, int length, int validators) {
    StateTransitionException.check(length >= validators, "len(" + list + ") >= len(validators)", length, validators);
  }

  /**
   * The flag rewards and penalties of {@code get_flag_index_deltas} as functions of the
   * effective balance. Both depend on the validator only through
   * {@code effective_balance // EFFECTIVE_BALANCE_INCREMENT}, so they are remembered per
   * increment count (a registry has only a few distinct ones) instead of being divided out
   * per validator. Not thread-safe (the tables fill lazily).
   */
  public final class FlagRewards {
    private static final int TABLE_SIZE = 4096;
    private static final long UNSET = -1L;
    private final long increment = config.effectiveBalanceIncrement().longValue();
    private final long baseRewardPerIncrement;
    private final long activeIncrements;
    private final long[] participatingIncrements = new long[PARTICIPATION_FLAG_WEIGHTS.length];
    private final boolean leak;
    private final long[][] rewardTable = new long[PARTICIPATION_FLAG_WEIGHTS.length][TABLE_SIZE];
    private final long[][] penaltyTable = new long[PARTICIPATION_FLAG_WEIGHTS.length][TABLE_SIZE];

    FlagRewards(MutableBeaconState state, ValidatorStatuses statuses) {
      long totalActiveBalance = statuses.totalActiveBalance(config);
      baseRewardPerIncrement = Uint64Math.div(Uint64Math.mul(increment, config.baseRewardFactor()),
          MiscHelpersFulu.integerSquareRoot(UInt64.fromLongBits(totalActiveBalance)).longValue());
      activeIncrements = Uint64Math.div(totalActiveBalance, increment);
      for (int f = 0; f < participatingIncrements.length; f++) {
        participatingIncrements[f] = Uint64Math.div(statuses.previousFlagBalance(f, config), increment);
      }
      leak = isInInactivityLeak(state);
      for (int f = 0; f < PARTICIPATION_FLAG_WEIGHTS.length; f++) {
        Arrays.fill(rewardTable[f], UNSET);
        Arrays.fill(penaltyTable[f], UNSET);
      }
    }

    /**
     * The reward {@code get_flag_index_deltas} gives a validator of {@code effectiveBalance}
     * (raw {@code uint64} bits) that holds flag {@code flagIndex} (zero in an inactivity leak).
     */
    public long reward(int flagIndex, long effectiveBalance) {
      long k = Uint64Math.div(effectiveBalance, increment);
      if (k < 0 || k >= TABLE_SIZE) {
        return computeReward(flagIndex, k);
      }
      long[] table = rewardTable[flagIndex];
      long r = table[(int) k];
      if (r == UNSET) {
        r = computeReward(flagIndex, k);
        table[(int) k] = r;
      }
      return r;
    }

    /**
     * The penalty {@code get_flag_index_deltas} charges a validator of {@code effectiveBalance}
     * that lacks flag {@code flagIndex} (zero for the head flag).
     */
    public long penalty(int flagIndex, long effectiveBalance) {
      long k = Uint64Math.div(effectiveBalance, increment);
      if (k < 0 || k >= TABLE_SIZE) {
        return computePenalty(flagIndex, k);
      }
      long[] table = penaltyTable[flagIndex];
      long p = table[(int) k];
      if (p == UNSET) {
        p = computePenalty(flagIndex, k);
        table[(int) k] = p;
      }
      return p;
    }

    /** {@code get_base_reward}: {@code increments * get_base_reward_per_increment(state)}. */
    private long baseReward(long increments) {
      return Uint64Math.mul(increments, baseRewardPerIncrement);
    }

    private long computeReward(int flagIndex, long increments) {
      if (leak) {
        return 0;
      }
      long numerator = Uint64Math.mul(Uint64Math.mul(baseReward(increments), PARTICIPATION_FLAG_WEIGHTS[flagIndex]),
          participatingIncrements[flagIndex]);
      return Uint64Math.div(numerator, Uint64Math.mul(activeIncrements, WEIGHT_DENOMINATOR));
    }

    private long computePenalty(int flagIndex, long increments) {
      if (flagIndex == TIMELY_HEAD_FLAG_INDEX) {
        return 0;
      }
      return Uint64Math.div(Uint64Math.mul(baseReward(increments), PARTICIPATION_FLAG_WEIGHTS[flagIndex]), WEIGHT_DENOMINATOR);
    }
  }
}
