package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;
import static io.edvt.spec.logic.common.SpecConstants.FULL_EXIT_REQUEST_AMOUNT;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingConsolidation;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.datastructures.state.PendingPartialWithdrawal;
import io.edvt.spec.datastructures.state.Validator;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * Requests the execution layer makes of the consensus layer (Electra EIP-6110 deposits,
 * EIP-7002 withdrawals, EIP-7251 consolidations; Fulu's deposit request). None of them can make
 * a block invalid: a request that does not apply is ignored.
 */
public class ExecutionRequestsProcessingFulu {
  protected final SpecConfig config;
  protected final PredicatesFulu predicates;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public ExecutionRequestsProcessingFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.predicates = helpers.predicates();
    this.accessors = helpers.accessors();
    this.mutators = helpers.mutators();
  }

  /**
   * {@code process_deposit_request} (Fulu): queues the deposit. Fulu removed the eth1 deposit
   * path, so {@code deposit_requests_start_index} is no longer set here.
   */
  public void processDepositRequest(MutableBeaconState state, DepositRequest depositRequest) {
    state.pendingDeposits().append(PendingDeposit.create(
        depositRequest.pubkey(),
        depositRequest.withdrawalCredentials(),
        depositRequest.amount(),
        depositRequest.signature(),
        state.slot()));
  }

  /**
   * The balance a partial withdrawal request of {@code validatorIndex} must leave: {@code
   * MIN_ACTIVATION_BALANCE} (Electra). A seam for a later milestone whose floor depends on the
   * validator.
   */
  protected UInt64 getValidatorMinimumBalance(MutableBeaconState state, int validatorIndex) {
    return config.minActivationBalance();
  }

  /** {@code process_withdrawal_request} (Electra): a full exit or a partial withdrawal. */
  public void processWithdrawalRequest(MutableBeaconState state, WithdrawalRequest withdrawalRequest) {
    UInt64 amount = withdrawalRequest.amount();
    boolean isFullExitRequest = amount.equals(FULL_EXIT_REQUEST_AMOUNT);

    // If partial withdrawal queue is full, only full exits are processed
    if (state.pendingPartialWithdrawals().size() == config.pendingPartialWithdrawalsLimit() && !isFullExitRequest) {
      return;
    }

    // Verify pubkey exists
    Optional<Integer> found = accessors.getValidatorIndex(state, withdrawalRequest.validatorPubkey());
    if (found.isEmpty()) {
      return;
    }
    int index = found.get();
    Validator validator = state.validators().get(index);

    // Verify withdrawal credentials
    boolean hasCorrectCredential = predicates.hasExecutionWithdrawalCredential(validator);
    boolean isCorrectSourceAddress = sourceAddressOf(validator).equals(withdrawalRequest.sourceAddress());
    if (!(hasCorrectCredential && isCorrectSourceAddress)) {
      return;
    }
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    // Verify the validator is active
    if (!predicates.isActiveValidator(validator, currentEpoch)) {
      return;
    }
    // Verify exit has not been initiated
    if (!validator.exitEpoch().equals(FAR_FUTURE_EPOCH)) {
      return;
    }
    // Verify the validator has been active long enough
    if (currentEpoch.isLessThan(validator.activationEpoch().plus(config.shardCommitteePeriod()))) {
      return;
    }

    UInt64 pendingBalanceToWithdraw = accessors.getPendingBalanceToWithdraw(state, index);

    if (isFullExitRequest) {
      // Only exit validator if it has no pending withdrawals in the queue
      if (pendingBalanceToWithdraw.isZero()) {
        mutators.initiateValidatorExit(state, index);
      }
      return;
    }

    UInt64 balance = state.balances().get(index);
    UInt64 minimumBalance = getValidatorMinimumBalance(state, index);
    boolean hasSufficientEffectiveBalance = validator.effectiveBalance().isGreaterThanOrEqualTo(minimumBalance);
    boolean hasExcessBalance = balance.isGreaterThan(minimumBalance.plus(pendingBalanceToWithdraw));

    // Only allow partial withdrawals with compounding withdrawal credentials
    if (predicates.hasCompoundingWithdrawalCredential(validator) && hasSufficientEffectiveBalance && hasExcessBalance) {
      UInt64 toWithdraw = balance.minus(minimumBalance).minus(pendingBalanceToWithdraw).min(amount);
      UInt64 exitQueueEpoch = mutators.computeExitEpochAndUpdateChurn(state, toWithdraw);
      UInt64 withdrawableEpoch = exitQueueEpoch.plus(config.minValidatorWithdrawabilityDelay());
      state.pendingPartialWithdrawals().append(
          PendingPartialWithdrawal.create(UInt64.valueOf(index), toWithdraw, withdrawableEpoch));
    }
  }

  /** {@code is_valid_switch_to_compounding_request} (Electra). */
  public boolean isValidSwitchToCompoundingRequest(MutableBeaconState state, ConsolidationRequest consolidationRequest) {
    // Switch to compounding requires source and target be equal
    if (!consolidationRequest.sourcePubkey().equals(consolidationRequest.targetPubkey())) {
      return false;
    }
    // Verify pubkey exists
    Optional<Integer> sourceIndex = accessors.getValidatorIndex(state, consolidationRequest.sourcePubkey());
    if (sourceIndex.isEmpty()) {
      return false;
    }
    Validator sourceValidator = state.validators().get(sourceIndex.get());
    // Verify request has been authorized
    if (!sourceAddressOf(sourceValidator).equals(consolidationRequest.sourceAddress())) {
      return false;
    }
    // Verify source withdrawal credentials
    if (!predicates.hasEth1WithdrawalCredential(sourceValidator)) {
      return false;
    }
    // Verify the source is active
    if (!predicates.isActiveValidator(sourceValidator, accessors.getCurrentEpoch(state))) {
      return false;
    }
    // Verify exit for source has not been initiated
    return sourceValidator.exitEpoch().equals(FAR_FUTURE_EPOCH);
  }

  /**
   * {@code process_consolidation_request} (Electra): a switch to compounding credentials, or a
   * consolidation of the source validator into the target.
   */
  public void processConsolidationRequest(MutableBeaconState state, ConsolidationRequest consolidationRequest) {
    if (isValidSwitchToCompoundingRequest(state, consolidationRequest)) {
      int sourceIndex = accessors.getValidatorIndex(state, consolidationRequest.sourcePubkey()).orElseThrow();
      mutators.switchToCompoundingValidator(state, sourceIndex);
      return;
    }

    // Verify that source != target, so a consolidation cannot be used as an exit
    if (consolidationRequest.sourcePubkey().equals(consolidationRequest.targetPubkey())) {
      return;
    }
    // If the pending consolidations queue is full, consolidation requests are ignored
    if (state.pendingConsolidations().size() == config.pendingConsolidationsLimit()) {
      return;
    }
    // If there is too little available consolidation churn limit, consolidation requests are ignored
    if (accessors.getConsolidationChurnLimit(state).isLessThanOrEqualTo(config.minActivationBalance())) {
      return;
    }

    // Verify pubkeys exists
    Optional<Integer> foundSource = accessors.getValidatorIndex(state, consolidationRequest.sourcePubkey());
    if (foundSource.isEmpty()) {
      return;
    }
    Optional<Integer> foundTarget = accessors.getValidatorIndex(state, consolidationRequest.targetPubkey());
    if (foundTarget.isEmpty()) {
      return;
    }
    int sourceIndex = foundSource.get();
    int targetIndex = foundTarget.get();
    SszListEditor<Validator> validators = state.validators();
    Validator sourceValidator = validators.get(sourceIndex);
    Validator targetValidator = validators.get(targetIndex);

    // Verify source withdrawal credentials
    boolean hasCorrectCredential = predicates.hasExecutionWithdrawalCredential(sourceValidator);
    boolean isCorrectSourceAddress = sourceAddressOf(sourceValidator).equals(consolidationRequest.sourceAddress());
    if (!(hasCorrectCredential && isCorrectSourceAddress)) {
      return;
    }
    // Verify that target has compounding withdrawal credentials
    if (!predicates.hasCompoundingWithdrawalCredential(targetValidator)) {
      return;
    }
    // Verify the source and the target are active
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    if (!predicates.isActiveValidator(sourceValidator, currentEpoch)) {
      return;
    }
    if (!predicates.isActiveValidator(targetValidator, currentEpoch)) {
      return;
    }
    // Verify exits for source and target have not been initiated
    if (!sourceValidator.exitEpoch().equals(FAR_FUTURE_EPOCH)) {
      return;
    }
    if (!targetValidator.exitEpoch().equals(FAR_FUTURE_EPOCH)) {
      return;
    }
    // Verify the source has been active long enough
    if (currentEpoch.isLessThan(sourceValidator.activationEpoch().plus(config.shardCommitteePeriod()))) {
      return;
    }
    // Verify the source has no pending withdrawals in the queue
    if (accessors.getPendingBalanceToWithdraw(state, sourceIndex).isGreaterThan(UInt64.ZERO)) {
      return;
    }

    // Initiate source validator exit and append pending consolidation
    UInt64 exitEpoch = mutators.computeConsolidationEpochAndUpdateChurn(state, sourceValidator.effectiveBalance());
    validators.set(sourceIndex, sourceValidator
        .withExitEpoch(exitEpoch)
        .withWithdrawableEpoch(exitEpoch.plus(config.minValidatorWithdrawabilityDelay())));
    state.pendingConsolidations().append(
        PendingConsolidation.create(UInt64.valueOf(sourceIndex), UInt64.valueOf(targetIndex)));
  }

  /** {@code validator.withdrawal_credentials[12:]}: the execution address a request must come from. */
  private static Bytes sourceAddressOf(Validator validator) {
    return validator.withdrawalCredentials().slice(12);
  }
}
