package io.edvt.simulator.chain;

import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_SOURCE_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;

import io.edvt.groups.ParticipationTally;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu;
import io.edvt.spec.logic.versions.fulu.ValidatorStatuses;

/**
 * The attestation rewards the epoch transition pays for epoch {@code E}, per validator and flag,
 * from a state of epoch {@code E + 1}: the steps of {@code process_epoch} before the rewards run
 * on a working copy, then Fulu's {@code get_flag_index_deltas} and
 * {@code get_inactivity_penalty_deltas} (as {@code rewards.AttestationRewardsCalculator} does, which
 * gives the same numbers; this one also keeps the reward table and the members' flags, which the
 * all-or-nothing comparison needs).
 */
public final class EpochRewards {
  private final long[][] flagDeltas;
  private final long[] inactivity;
  private final RewardsAndPenaltiesFulu.FlagRewards table;
  private final MutableBeaconState working;
  private final SpecEdvt spec;

  private EpochRewards(SpecEdvt spec, MutableBeaconState working, long[][] flagDeltas, long[] inactivity,
      RewardsAndPenaltiesFulu.FlagRewards table) {
    this.spec = spec;
    this.working = working;
    this.flagDeltas = flagDeltas;
    this.inactivity = inactivity;
    this.table = table;
  }

  /** The rewards for the previous epoch of {@code state}. */
  public static EpochRewards of(SpecEdvt spec, BeaconState state) {
    MutableBeaconState working = new MutableBeaconState(state);
    UInt64 epoch = spec.misc().computeEpochAtSlot(state.slot());
    UInt64 lastSlot = spec.misc().computeStartSlotAtEpoch(epoch.plus(1)).minus(1);
    if (working.slot().isLessThan(lastSlot)) {
      spec.stateTransition().processSlots(working, lastSlot);
    }
    EpochProcessorFulu epochProcessor = spec.epochProcessor();
    ValidatorStatuses statuses = epochProcessor.computeStatuses(working);
    epochProcessor.processJustificationAndFinalization(working);
    epochProcessor.processInactivityUpdates(working);
    RewardsAndPenaltiesFulu rewards = epochProcessor.rewardsAndPenalties();
    long[][] flags = new long[3][];
    for (int f : new int[] {TIMELY_SOURCE_FLAG_INDEX, TIMELY_TARGET_FLAG_INDEX, TIMELY_HEAD_FLAG_INDEX}) {
      RewardsAndPenaltiesFulu.Deltas d = rewards.getFlagIndexDeltas(working, statuses, f);
      flags[f] = signed(d);
    }
    long[] inactivity = signed(rewards.getInactivityPenaltyDeltas(working, statuses));
    return new EpochRewards(spec, working, flags, inactivity, rewards.flagRewards(working, statuses));
  }

  private static long[] signed(RewardsAndPenaltiesFulu.Deltas d) {
    long[] out = new long[d.rewards().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.rewards()[i] - d.penalties()[i];
    }
    return out;
  }

  /** The signed delta of {@code flag} ({@code TIMELY_*_FLAG_INDEX}) for {@code validator}. */
  public long flag(int validator, int flag) {
    return flagDeltas[flag][validator];
  }

  public long inactivity(int validator) {
    return inactivity[validator];
  }

  /** Fulu's reward for {@code flag} at {@code effectiveBalance} when earned. */
  public long reward(int flag, long effectiveBalance) {
    return table.reward(flag, effectiveBalance);
  }

  /** Fulu's penalty for missing {@code flag} at {@code effectiveBalance} (0 for head). */
  public long penalty(int flag, long effectiveBalance) {
    return table.penalty(flag, effectiveBalance);
  }

  public long effectiveBalance(int validator) {
    return working.validators().get(validator).effectiveBalance().longValue();
  }

  /** The flags each member of group {@code groupIndex} earned in the rewarded epoch. */
  public ParticipationTally memberTally(int groupIndex, int memberCount) {
    return spec.accessors().memberTally(working.list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION), groupIndex,
        memberCount);
  }
}
