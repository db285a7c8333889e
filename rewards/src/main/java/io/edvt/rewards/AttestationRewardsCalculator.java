package io.edvt.rewards;

import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_SOURCE_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.FlagRewards;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.ValidatorStatuses;
import java.util.ArrayList;
import java.util.List;

/**
 * The attestation rewards of an epoch ({@link AttestationRewardsReport}), per validator and per
 * component, exactly as Fulu's {@code process_rewards_and_penalties} applies them.
 *
 * <p><b>Which state to pass.</b> The rewards for the attestations of epoch {@code E} are paid by
 * the epoch transition at the end of epoch {@code E + 1} (where {@code E} is the previous epoch),
 * because attestations for {@code E} can be included until then. The caller passes a state of
 * epoch {@code E + 1} on the chain in question, normally the post-state of the last block of
 * {@code E + 1}: the head state of that epoch, before the transition into {@code E + 2}. A state
 * earlier in {@code E + 1} is taken as is, i.e. as if the rest of {@code E + 1} had no blocks. A
 * state of epoch {@code E + 2} or later cannot be used: its transition has already rotated the
 * participation flags and paid the rewards.
 *
 * <p><b>How.</b> On a working copy of the state, advanced through empty slots to the last slot of
 * {@code E + 1} ({@code process_slot} changes nothing the rewards read), the steps of
 * {@code process_epoch} that precede the rewards run as the real transition runs them
 * ({@code process_justification_and_finalization}, which decides the inactivity leak, and
 * {@code process_inactivity_updates}, whose scores the inactivity penalty reads). The components
 * are then Fulu's own {@code get_flag_index_deltas} and {@code get_inactivity_penalty_deltas} over
 * the same {@link ValidatorStatuses}, and the ideal rewards come from the same
 * {@link FlagRewards} table; no formula is repeated here. The caller's state is not modified.
 */
public final class AttestationRewardsCalculator {
  private final SpecFulu spec;

  public AttestationRewardsCalculator(SpecFulu spec) {
    this.spec = spec;
  }

  /**
   * The attestation rewards of the previous epoch of {@code state} (see the class comment for
   * which state to pass).
   *
   * @throws IllegalArgumentException if {@code state} is in the genesis epoch, which has no
   *     previous epoch to reward
   */
  public AttestationRewardsReport compute(BeaconState state) {
    UInt64 currentEpoch = spec.misc().computeEpochAtSlot(state.slot());
    if (currentEpoch.isZero()) {
      throw new IllegalArgumentException("a state of the genesis epoch has no previous epoch to reward (slot "
          + state.slot() + ")");
    }
    return compute(state, currentEpoch.minus(1));
  }

  /**
   * The attestation rewards of {@code epoch}, from a state of epoch {@code epoch + 1}.
   *
   * @throws IllegalArgumentException if {@code state} is not in epoch {@code epoch + 1}
   */
  public AttestationRewardsReport compute(BeaconState state, UInt64 epoch) {
    UInt64 payingEpoch = epoch.plus(1);
    UInt64 stateEpoch = spec.misc().computeEpochAtSlot(state.slot());
    if (!stateEpoch.equals(payingEpoch)) {
      throw new IllegalArgumentException("the rewards of epoch " + epoch + " are computed from a state of epoch "
          + payingEpoch + ", the one whose transition pays them; the state is at slot " + state.slot()
          + " (epoch " + stateEpoch + ")");
    }
    MutableBeaconState working = new MutableBeaconState(state);
    UInt64 lastSlot = spec.misc().computeStartSlotAtEpoch(payingEpoch.plus(1)).minus(1);
    if (working.slot().isLessThan(lastSlot)) {
      spec.stateTransition().processSlots(working, lastSlot);
    }

    EpochProcessorFulu epochProcessor = spec.epochProcessor();
    ValidatorStatuses statuses = epochProcessor.computeStatuses(working);
    // process_epoch up to process_rewards_and_penalties: neither step changes the statuses
    epochProcessor.processJustificationAndFinalization(working);
    epochProcessor.processInactivityUpdates(working);

    RewardsAndPenaltiesFulu rewards = epochProcessor.rewardsAndPenalties();
    Deltas source = rewards.getFlagIndexDeltas(working, statuses, TIMELY_SOURCE_FLAG_INDEX);
    Deltas target = rewards.getFlagIndexDeltas(working, statuses, TIMELY_TARGET_FLAG_INDEX);
    Deltas head = rewards.getFlagIndexDeltas(working, statuses, TIMELY_HEAD_FLAG_INDEX);
    Deltas inactivity = rewards.getInactivityPenaltyDeltas(working, statuses);

    List<AttestationRewards> totals = new ArrayList<>();
    for (int i = 0; i < statuses.size(); i++) {
      if (!statuses.has(i, ValidatorStatuses.ELIGIBLE)) {
        continue;
      }
      totals.add(new AttestationRewards(UInt64.valueOf(i),
          signed(head, i), signed(target, i), signed(source, i), signed(inactivity, i)));
    }
    return new AttestationRewardsReport(epoch, idealRewards(rewards.flagRewards(working, statuses)), totals);
  }

  /** One entry per effective balance step up to {@code MAX_EFFECTIVE_BALANCE_ELECTRA}. */
  private List<IdealAttestationRewards> idealRewards(FlagRewards flagRewards) {
    long increment = spec.config().effectiveBalanceIncrement().longValue();
    long max = spec.config().maxEffectiveBalanceElectra().longValue();
    List<IdealAttestationRewards> out = new ArrayList<>((int) (max / increment));
    for (long eb = increment; eb <= max; eb += increment) {
      out.add(new IdealAttestationRewards(UInt64.valueOf(eb),
          flagRewards.reward(TIMELY_HEAD_FLAG_INDEX, eb),
          flagRewards.reward(TIMELY_TARGET_FLAG_INDEX, eb),
          flagRewards.reward(TIMELY_SOURCE_FLAG_INDEX, eb),
          0));
    }
    return out;
  }

  /** {@code rewards[i] - penalties[i]}; one of the two is always zero. */
  private static long signed(Deltas deltas, int i) {
    return Math.subtractExact(deltas.rewards()[i], deltas.penalties()[i]);
  }
}
