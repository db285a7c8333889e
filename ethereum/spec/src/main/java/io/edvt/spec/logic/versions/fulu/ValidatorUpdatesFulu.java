package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.Uint64Math;
import java.util.function.IntToLongFunction;

/**
 * The epoch steps that sweep the whole registry but change only a few validators: registry
 * updates, slashing penalties and effective balance updates (Electra versions). They decide
 * from {@link ValidatorStatuses} and a {@code long[]} of balances, and write only the
 * validators and balances that change, through the state's list editors.
 */
public class ValidatorUpdatesFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public ValidatorUpdatesFulu(SpecConfig config, MiscHelpersFulu misc, BeaconStateAccessorsFulu accessors,
      BeaconStateMutatorsFulu mutators) {
    this.config = config;
    this.misc = misc;
    this.accessors = accessors;
    this.mutators = mutators;
  }

  /**
   * {@code process_registry_updates} (Electra): activation eligibility, ejections and
   * activations in one sweep. Exits go through {@code initiate_validator_exit}, which consumes
   * the exit churn in index order as the spec does.
   */
  public void processRegistryUpdates(MutableBeaconState state, ValidatorStatuses statuses) {
    long currentEpoch = statuses.currentEpoch();
    UInt64 eligibilityEpoch = UInt64.fromLongBits(Uint64Math.add(currentEpoch, 1));
    UInt64 activationEpoch = misc.computeActivationExitEpoch(UInt64.fromLongBits(currentEpoch));
    long finalizedEpoch = state.finalizedCheckpoint().epoch().longValue();
    long farFuture = FAR_FUTURE_EPOCH.longValue();
    long minActivationBalance = config.minActivationBalance().longValue();
    long[] effectiveBalances = statuses.effectiveBalances();
    long[] eligibilityEpochs = statuses.activationEligibilityEpochs();
    long[] activationEpochs = statuses.activationEpochs();
    long[] exitEpochs = statuses.exitEpochs();
    SszListEditor<Validator> validators = state.validators();
    IntToLongFunction ejectionBalance = ejectionBalances(state);
    for (int i = 0; i < statuses.size(); i++) {
      long eb = effectiveBalances[i];
      if (eligibilityEpochs[i] == farFuture && Uint64Math.lessOrEqual(minActivationBalance, eb)) {
        // is_eligible_for_activation_queue
        Validator v = validators.get(i).withActivationEligibilityEpoch(eligibilityEpoch);
        validators.set(i, v);
        statuses.update(i, v);
      } else if (ValidatorStatuses.isActive(activationEpochs[i], exitEpochs[i], currentEpoch)
          && Uint64Math.lessOrEqual(eb, ejectionBalance.applyAsLong(i))) {
        mutators.initiateValidatorExit(state, i);
        statuses.update(i, validators.get(i));
      } else if (Uint64Math.lessOrEqual(eligibilityEpochs[i], finalizedEpoch) && activationEpochs[i] == farFuture) {
        // is_eligible_for_activation
        Validator v = validators.get(i).withActivationEpoch(activationEpoch);
        validators.set(i, v);
        statuses.update(i, v);
      }
    }
  }

  /**
   * The effective balance at or below which an active validator is ejected, by validator index:
   * {@code EJECTION_BALANCE} (Electra). A seam for a later milestone whose ejection balance depends on
   * the validator. It is made once per sweep (so a milestone can read what it needs from the state
   * once, not per validator) and only asked for active validators that are not eligible for the
   * activation queue, in registry order.
   */
  protected IntToLongFunction ejectionBalances(MutableBeaconState state) {
    long ejectionBalance = config.ejectionBalance().longValue();
    return validatorIndex -> ejectionBalance;
  }

  /**
   * {@code process_slashings} (Electra): the correlation penalty, per effective balance
   * increment, of the slashed validators halfway to withdrawable.
   */
  public void processSlashings(MutableBeaconState state, ValidatorStatuses statuses) {
    long epoch = statuses.currentEpoch();
    long totalBalance = statuses.totalActiveBalance(config);
    long slashingsSum = 0;
    for (long s : state.<UInt64>listValue(BeaconState.SLASHINGS).toLongArray()) {
      slashingsSum = Uint64Math.add(slashingsSum, s);
    }
    long adjustedTotalSlashingBalance = Uint64Math.min(
        Uint64Math.mul(slashingsSum, config.proportionalSlashingMultiplierBellatrix()), totalBalance);
    long increment = config.effectiveBalanceIncrement().longValue();
    long penaltyPerIncrement = Uint64Math.div(adjustedTotalSlashingBalance, Uint64Math.div(totalBalance, increment));
    long withdrawableTarget = Uint64Math.add(epoch, config.epochsPerSlashingsVector() / 2);
    long[] withdrawableEpochs = statuses.withdrawableEpochs();
    long[] effectiveBalances = statuses.effectiveBalances();
    for (int i = 0; i < statuses.size(); i++) {
      if (withdrawableEpochs[i] == withdrawableTarget && statuses.has(i, ValidatorStatuses.SLASHED)) {
        long increments = Uint64Math.div(effectiveBalances[i], increment);
        long penalty = Uint64Math.mul(penaltyPerIncrement, increments);
        mutators.decreaseBalance(state, i, UInt64.fromLongBits(penalty));
      }
    }
  }

  /**
   * {@code process_effective_balance_updates} (Electra: the maximum depends on the withdrawal
   * credentials). Validators appended after the statuses were read (by pending deposits) are
   * read from the state. Only changed effective balances are written.
   */
  public void processEffectiveBalanceUpdates(MutableBeaconState state, ValidatorStatuses statuses) {
    long[] balances = state.<UInt64>listValue(BeaconState.BALANCES).toLongArray();
    SszListEditor<Validator> validators = state.validators();
    int n = validators.size();
    long increment = config.effectiveBalanceIncrement().longValue();
    long hysteresisIncrement = increment / config.hysteresisQuotient();
    long downwardThreshold = Uint64Math.mul(hysteresisIncrement, config.hysteresisDownwardMultiplier());
    long upwardThreshold = Uint64Math.mul(hysteresisIncrement, config.hysteresisUpwardMultiplier());
    long maxCompounding = config.maxEffectiveBalanceElectra().longValue();
    long maxOther = config.minActivationBalance().longValue();
    long[] effectiveBalances = statuses.effectiveBalances();
    for (int i = 0; i < n; i++) {
      long balance = balances[i];
      boolean known = i < statuses.size();
      Validator fresh = known ? null : validators.get(i);
      long eb = known ? effectiveBalances[i] : fresh.effectiveBalance().longValue();
      if (Uint64Math.lessThan(Uint64Math.add(balance, downwardThreshold), eb)
          || Uint64Math.lessThan(Uint64Math.add(eb, upwardThreshold), balance)) {
        boolean compounding = known
            ? statuses.has(i, ValidatorStatuses.COMPOUNDING)
            : fresh.withdrawalCredentials().get(0) == COMPOUNDING_WITHDRAWAL_PREFIX;
        long max = compounding ? maxCompounding : maxOther;
        long updated = Uint64Math.min(balance - Long.remainderUnsigned(balance, increment), max);
        if (updated != eb) {
          Validator v = (known ? validators.get(i) : fresh).withEffectiveBalance(UInt64.fromLongBits(updated));
          validators.set(i, v);
          if (known) {
            effectiveBalances[i] = updated;
          }
        }
      }
    }
  }
}
