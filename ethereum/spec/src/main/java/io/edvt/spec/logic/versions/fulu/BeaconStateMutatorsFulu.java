package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;
import static io.edvt.spec.logic.common.SpecConstants.G2_POINT_AT_INFINITY;
import static io.edvt.spec.logic.common.SpecConstants.GENESIS_SLOT;
import static io.edvt.spec.logic.common.SpecConstants.PROPOSER_WEIGHT;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.datastructures.state.Validator;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/** The spec's beacon-state mutators (phase0 through Fulu). */
public class BeaconStateMutatorsFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;

  public BeaconStateMutatorsFulu(SpecConfig config, MiscHelpersFulu misc, BeaconStateAccessorsFulu accessors) {
    this.config = config;
    this.misc = misc;
    this.accessors = accessors;
  }

  /** {@code increase_balance}. */
  public void increaseBalance(MutableBeaconState state, int index, UInt64 delta) {
    SszListEditor<UInt64> balances = state.balances();
    balances.set(index, balances.get(index).plus(delta));
  }

  /** {@code decrease_balance}: saturates at zero. */
  public void decreaseBalance(MutableBeaconState state, int index, UInt64 delta) {
    SszListEditor<UInt64> balances = state.balances();
    balances.set(index, balances.get(index).minusMinZero(delta));
  }

  /** {@code initiate_validator_exit} (Electra). */
  public void initiateValidatorExit(MutableBeaconState state, int index) {
    SszListEditor<Validator> validators = state.validators();
    Validator v = validators.get(index);
    if (!v.exitEpoch().equals(FAR_FUTURE_EPOCH)) {
      return;
    }
    UInt64 exitQueueEpoch = computeExitEpochAndUpdateChurn(state, v.effectiveBalance());
    validators.set(index, v.withExitEpoch(exitQueueEpoch)
        .withWithdrawableEpoch(exitQueueEpoch.plus(config.minValidatorWithdrawabilityDelay())));
  }

  /** {@code compute_exit_epoch_and_update_churn} (Electra). */
  public UInt64 computeExitEpochAndUpdateChurn(MutableBeaconState state, UInt64 exitBalance) {
    UInt64 earliestExitEpoch = state.earliestExitEpoch().max(misc.computeActivationExitEpoch(accessors.getCurrentEpoch(state)));
    UInt64 perEpochChurn = accessors.getActivationExitChurnLimit(state);
    UInt64 exitBalanceToConsume = state.earliestExitEpoch().isLessThan(earliestExitEpoch)
        ? perEpochChurn
        : state.exitBalanceToConsume();
    if (exitBalance.isGreaterThan(exitBalanceToConsume)) {
      UInt64 balanceToProcess = exitBalance.minus(exitBalanceToConsume);
      UInt64 additionalEpochs = balanceToProcess.minus(1).dividedBy(perEpochChurn).plus(1);
      earliestExitEpoch = earliestExitEpoch.plus(additionalEpochs);
      exitBalanceToConsume = exitBalanceToConsume.plus(additionalEpochs.times(perEpochChurn));
    }
    state.setExitBalanceToConsume(exitBalanceToConsume.minus(exitBalance));
    state.setEarliestExitEpoch(earliestExitEpoch);
    return earliestExitEpoch;
  }

  /** {@code compute_consolidation_epoch_and_update_churn} (Electra). */
  public UInt64 computeConsolidationEpochAndUpdateChurn(MutableBeaconState state, UInt64 consolidationBalance) {
    UInt64 earliest = state.earliestConsolidationEpoch().max(misc.computeActivationExitEpoch(accessors.getCurrentEpoch(state)));
    UInt64 perEpochChurn = accessors.getConsolidationChurnLimit(state);
    UInt64 toConsume = state.earliestConsolidationEpoch().isLessThan(earliest)
        ? perEpochChurn
        : state.consolidationBalanceToConsume();
    if (consolidationBalance.isGreaterThan(toConsume)) {
      UInt64 balanceToProcess = consolidationBalance.minus(toConsume);
      UInt64 additionalEpochs = balanceToProcess.minus(1).dividedBy(perEpochChurn).plus(1);
      earliest = earliest.plus(additionalEpochs);
      toConsume = toConsume.plus(additionalEpochs.times(perEpochChurn));
    }
    state.setConsolidationBalanceToConsume(toConsume.minus(consolidationBalance));
    state.setEarliestConsolidationEpoch(earliest);
    return earliest;
  }

  /** {@code slash_validator} (Electra quotients); {@code whistleblowerIndex} null means the proposer. */
  public void slashValidator(MutableBeaconState state, int slashedIndex, Integer whistleblowerIndex) {
    UInt64 epoch = accessors.getCurrentEpoch(state);
    initiateValidatorExit(state, slashedIndex);
    SszListEditor<Validator> validators = state.validators();
    Validator v = validators.get(slashedIndex);
    v = v.withSlashed(true).withWithdrawableEpoch(v.withdrawableEpoch().max(epoch.plus(config.epochsPerSlashingsVector())));
    validators.set(slashedIndex, v);
    SszListEditor<UInt64> slashings = state.slashings();
    int slot = epoch.mod(config.epochsPerSlashingsVector()).intValue();
    slashings.set(slot, slashings.get(slot).plus(v.effectiveBalance()));
    decreaseBalance(state, slashedIndex, v.effectiveBalance().dividedBy(config.minSlashingPenaltyQuotientElectra()));

    int proposerIndex = accessors.getBeaconProposerIndex(state);
    int whistleblower = whistleblowerIndex == null ? proposerIndex : whistleblowerIndex;
    UInt64 whistleblowerReward = v.effectiveBalance().dividedBy(config.whistleblowerRewardQuotientElectra());
    UInt64 proposerReward = whistleblowerReward.times(PROPOSER_WEIGHT).dividedBy(WEIGHT_DENOMINATOR);
    increaseBalance(state, proposerIndex, proposerReward);
    increaseBalance(state, whistleblower, whistleblowerReward.minus(proposerReward));
  }

  /** {@code switch_to_compounding_validator} (Electra). */
  public void switchToCompoundingValidator(MutableBeaconState state, int index) {
    SszListEditor<Validator> validators = state.validators();
    Validator v = validators.get(index);
    byte[] credentials = v.withdrawalCredentials().toArray();
    credentials[0] = COMPOUNDING_WITHDRAWAL_PREFIX;
    validators.set(index, v.withWithdrawalCredentials(Bytes32.wrap(credentials)));
    queueExcessActiveBalance(state, index);
  }

  /** {@code queue_excess_active_balance} (Electra). */
  public void queueExcessActiveBalance(MutableBeaconState state, int index) {
    UInt64 balance = state.balances().get(index);
    if (balance.isGreaterThan(config.minActivationBalance())) {
      UInt64 excess = balance.minus(config.minActivationBalance());
      state.balances().set(index, config.minActivationBalance());
      Validator v = state.validators().get(index);
      state.pendingDeposits().append(PendingDeposit.create(
          v.pubkey(), v.withdrawalCredentials(), excess, G2_POINT_AT_INFINITY, GENESIS_SLOT));
    }
  }

  /** {@code get_validator_from_deposit} (Electra: the maximum effective balance follows the credentials). */
  public Validator getValidatorFromDeposit(Bytes48 pubkey, Bytes32 withdrawalCredentials, UInt64 amount) {
    Validator validator = Validator.create(pubkey, withdrawalCredentials, UInt64.ZERO, false,
        FAR_FUTURE_EPOCH, FAR_FUTURE_EPOCH, FAR_FUTURE_EPOCH, FAR_FUTURE_EPOCH);
    // get_max_effective_balance
    UInt64 maxEffectiveBalance = withdrawalCredentials.get(0) == COMPOUNDING_WITHDRAWAL_PREFIX
        ? config.maxEffectiveBalanceElectra()
        : config.minActivationBalance();
    return validator.withEffectiveBalance(
        amount.minus(amount.mod(config.effectiveBalanceIncrement())).min(maxEffectiveBalance));
  }

  /**
   * {@code add_validator_to_registry} (Electra): appends the validator, its balance, empty
   * participation flags and a zero inactivity score ({@code get_index_for_new_validator} is the
   * registry length, so {@code set_or_append_list} always appends).
   */
  public void addValidatorToRegistry(MutableBeaconState state, Bytes48 pubkey, Bytes32 withdrawalCredentials, UInt64 amount) {
    state.validators().append(getValidatorFromDeposit(pubkey, withdrawalCredentials, amount));
    state.balances().append(amount);
    state.previousEpochParticipation().append(0);
    state.currentEpochParticipation().append(0);
    state.inactivityScores().append(UInt64.ZERO);
  }
}
