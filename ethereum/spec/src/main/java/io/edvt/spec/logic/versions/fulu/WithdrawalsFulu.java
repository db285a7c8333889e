package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingPartialWithdrawal;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * Withdrawals of a block (Capella, with Electra's EIP-7251 pending partial withdrawals;
 * unchanged in Fulu): which withdrawals the payload must carry, and applying them.
 */
public class WithdrawalsFulu {
  protected final SpecConfig config;
  protected final BeaconStateAccessorsFulu accessors;
  protected final PredicatesFulu predicates;
  protected final BeaconStateMutatorsFulu mutators;

  /** The spec's {@code ExpectedWithdrawals} (Electra). */
  public record ExpectedWithdrawals(
      List<Withdrawal> withdrawals, UInt64 processedPartialWithdrawalsCount, UInt64 processedSweepWithdrawalsCount) {
    public ExpectedWithdrawals {
      withdrawals = List.copyOf(withdrawals);
    }
  }

  /**
   * The {@code (withdrawals, withdrawal_index, processed_count)} tuple that
   * {@code get_pending_partial_withdrawals} and {@code get_validators_sweep_withdrawals} return.
   */
  public record PartialResult(List<Withdrawal> withdrawals, UInt64 nextWithdrawalIndex, UInt64 processedCount) {}

  public WithdrawalsFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.accessors = helpers.accessors();
    this.predicates = helpers.predicates();
    this.mutators = helpers.mutators();
  }

  /** {@code process_withdrawals} (Electra). */
  public void processWithdrawals(MutableBeaconState state, ExecutionPayload payload) {
    ExpectedWithdrawals expected = getExpectedWithdrawals(state);
    checkPayloadWithdrawals(payload.withdrawals(), expected.withdrawals());

    applyWithdrawals(state, expected.withdrawals());
    updateNextWithdrawalIndex(state, expected.withdrawals());
    updatePendingPartialWithdrawals(state, expected.processedPartialWithdrawalsCount());
    updateNextWithdrawalValidatorIndex(state, expected.withdrawals());
  }

  /** {@code assert payload.withdrawals == expected.withdrawals}, naming the first difference. */
  private static void checkPayloadWithdrawals(SszList<Withdrawal> actual, List<Withdrawal> expected) {
    StateTransitionException.check(actual.size() == expected.size(), "payload.withdrawals == expected.withdrawals",
        "payload has " + actual.size() + " withdrawals, expected " + expected.size());
    int i = 0;
    for (Withdrawal w : actual) {
      Withdrawal e = expected.get(i);
      if (!w.equals(e)) {
        StateTransitionException.check(false, "payload.withdrawals == expected.withdrawals",
            "withdrawal " + i + " is " + w, "expected " + e);
      }
      i++;
    }
  }

  /** {@code get_expected_withdrawals} (Electra): pending partial withdrawals first, then the sweep. */
  public ExpectedWithdrawals getExpectedWithdrawals(MutableBeaconState state) {
    UInt64 withdrawalIndex = state.nextWithdrawalIndex();
    List<Withdrawal> withdrawals = new ArrayList<>();

    PartialResult partial = getPendingPartialWithdrawals(state, withdrawalIndex, withdrawals);
    withdrawals.addAll(partial.withdrawals());
    withdrawalIndex = partial.nextWithdrawalIndex();

    PartialResult sweep = getValidatorsSweepWithdrawals(state, withdrawalIndex, withdrawals);
    withdrawals.addAll(sweep.withdrawals());

    return new ExpectedWithdrawals(withdrawals, partial.processedCount(), sweep.processedCount());
  }

  /**
   * The balance a partial withdrawal of {@code validatorIndex} must leave: {@code
   * MIN_ACTIVATION_BALANCE} (Electra). A seam for a later milestone whose floor depends on the
   * validator.
   */
  protected UInt64 getValidatorMinimumBalance(MutableBeaconState state, int validatorIndex) {
    return config.minActivationBalance();
  }

  /** {@code get_pending_partial_withdrawals} (Electra). */
  public PartialResult getPendingPartialWithdrawals(MutableBeaconState state, UInt64 withdrawalIndex, List<Withdrawal> priorWithdrawals) {
    UInt64 epoch = accessors.getCurrentEpoch(state);
    int withdrawalsLimit = Math.min(
        priorWithdrawals.size() + config.maxPendingPartialsPerWithdrawalsSweep(), config.maxWithdrawalsPerPayload() - 1);
    StateTransitionException.check(priorWithdrawals.size() <= withdrawalsLimit, "len(prior_withdrawals) <= withdrawals_limit",
        priorWithdrawals.size(), withdrawalsLimit);

    SszListEditor<PendingPartialWithdrawal> pending = state.pendingPartialWithdrawals();
    SszListEditor<Validator> validators = state.validators();
    List<Withdrawal> all = new ArrayList<>(priorWithdrawals);
    List<Withdrawal> withdrawals = new ArrayList<>();
    long processedCount = 0;
    for (int k = 0; k < pending.size(); k++) {
      PendingPartialWithdrawal withdrawal = pending.get(k);
      boolean isWithdrawable = withdrawal.withdrawableEpoch().isLessThanOrEqualTo(epoch);
      boolean hasReachedLimit = all.size() >= withdrawalsLimit;
      if (!isWithdrawable || hasReachedLimit) {
        break;
      }
      int validatorIndex = withdrawal.validatorIndex().intValue();
      Validator validator = validators.get(validatorIndex);
      UInt64 balance = getBalanceAfterWithdrawals(state, validatorIndex, all);
      UInt64 minimumBalance = getValidatorMinimumBalance(state, validatorIndex);
      if (predicates.isEligibleForPartialWithdrawals(validator, balance, minimumBalance)) {
        UInt64 amount = balance.minus(minimumBalance).min(withdrawal.amount());
        Withdrawal w = Withdrawal.create(withdrawalIndex, withdrawal.validatorIndex(), executionAddress(validator), amount);
        withdrawals.add(w);
        all.add(w);
        withdrawalIndex = withdrawalIndex.plus(1);
      }
      processedCount++;
    }
    return new PartialResult(withdrawals, withdrawalIndex, UInt64.valueOf(processedCount));
  }

  /** {@code get_validators_sweep_withdrawals} (Electra: partial amounts above {@code get_max_effective_balance}). */
  public PartialResult getValidatorsSweepWithdrawals(MutableBeaconState state, UInt64 withdrawalIndex, List<Withdrawal> priorWithdrawals) {
    UInt64 epoch = accessors.getCurrentEpoch(state);
    SszListEditor<Validator> validators = state.validators();
    int validatorCount = validators.size();
    int validatorsLimit = Math.min(validatorCount, config.maxValidatorsPerWithdrawalsSweep());
    int withdrawalsLimit = config.maxWithdrawalsPerPayload();
    // There must be at least one space reserved for validator sweep withdrawals
    StateTransitionException.check(priorWithdrawals.size() < withdrawalsLimit, "len(prior_withdrawals) < withdrawals_limit",
        priorWithdrawals.size(), withdrawalsLimit);

    List<Withdrawal> all = new ArrayList<>(priorWithdrawals);
    List<Withdrawal> withdrawals = new ArrayList<>();
    long processedCount = 0;
    UInt64 validatorIndex = state.nextWithdrawalValidatorIndex();
    for (int n = 0; n < validatorsLimit; n++) {
      if (all.size() >= withdrawalsLimit) {
        break;
      }
      int index = validatorIndex.intValue();
      Validator validator = validators.get(index);
      UInt64 balance = getBalanceAfterWithdrawals(state, index, all);
      Withdrawal w = null;
      if (predicates.isFullyWithdrawableValidator(validator, balance, epoch)) {
        w = Withdrawal.create(withdrawalIndex, validatorIndex, executionAddress(validator), balance);
      } else if (predicates.isPartiallyWithdrawableValidator(validator, balance)) {
        w = Withdrawal.create(withdrawalIndex, validatorIndex, executionAddress(validator),
            balance.minus(predicates.getMaxEffectiveBalance(validator)));
      }
      if (w != null) {
        withdrawals.add(w);
        all.add(w);
        withdrawalIndex = withdrawalIndex.plus(1);
      }
      validatorIndex = UInt64.valueOf((index + 1L) % validatorCount);
      processedCount++;
    }
    return new PartialResult(withdrawals, withdrawalIndex, UInt64.valueOf(processedCount));
  }

  /** {@code get_balance_after_withdrawals} (Capella): the balance less what {@code withdrawals} take from it. */
  public UInt64 getBalanceAfterWithdrawals(MutableBeaconState state, int validatorIndex, List<Withdrawal> withdrawals) {
    return state.balances().get(validatorIndex).minus(withdrawnFrom(validatorIndex, withdrawals));
  }

  private static UInt64 withdrawnFrom(int validatorIndex, List<Withdrawal> withdrawals) {
    UInt64 withdrawn = UInt64.ZERO;
    for (Withdrawal w : withdrawals) {
      if (w.validatorIndex().longValue() == validatorIndex) {
        withdrawn = withdrawn.plus(w.amount());
      }
    }
    return withdrawn;
  }

  /** {@code ExecutionAddress(validator.withdrawal_credentials[12:])}. */
  private static Bytes executionAddress(Validator validator) {
    return validator.withdrawalCredentials().slice(12);
  }

  /** {@code apply_withdrawals} (Capella). */
  public void applyWithdrawals(MutableBeaconState state, List<Withdrawal> withdrawals) {
    for (Withdrawal w : withdrawals) {
      mutators.decreaseBalance(state, w.validatorIndex().intValue(), w.amount());
    }
  }

  /** {@code update_next_withdrawal_index} (Capella). */
  public void updateNextWithdrawalIndex(MutableBeaconState state, List<Withdrawal> withdrawals) {
    if (!withdrawals.isEmpty()) {
      state.setNextWithdrawalIndex(withdrawals.get(withdrawals.size() - 1).index().plus(1));
    }
  }

  /** {@code update_pending_partial_withdrawals} (Electra): drops the processed head of the queue. */
  public void updatePendingPartialWithdrawals(MutableBeaconState state, UInt64 processedPartialWithdrawalsCount) {
    if (processedPartialWithdrawalsCount.isZero()) {
      return;
    }
    SszList<PendingPartialWithdrawal> pending = state.listValue(BeaconState.PENDING_PARTIAL_WITHDRAWALS);
    state.setList(BeaconState.PENDING_PARTIAL_WITHDRAWALS, pending.sliceFrom(processedPartialWithdrawalsCount.intValue()));
  }

  /** {@code update_next_withdrawal_validator_index} (Capella). */
  public void updateNextWithdrawalValidatorIndex(MutableBeaconState state, List<Withdrawal> withdrawals) {
    int validatorCount = state.validators().size();
    if (withdrawals.size() == config.maxWithdrawalsPerPayload()) {
      // Next sweep starts after the latest withdrawal's validator index
      long last = withdrawals.get(withdrawals.size() - 1).validatorIndex().longValue();
      state.setNextWithdrawalValidatorIndex(UInt64.valueOf((last + 1) % validatorCount));
    } else {
      // Advance sweep by the max length of the sweep if there was not a full set of withdrawals
      UInt64 next = state.nextWithdrawalValidatorIndex().plus(config.maxValidatorsPerWithdrawalsSweep());
      state.setNextWithdrawalValidatorIndex(next.mod(validatorCount));
    }
  }
}
