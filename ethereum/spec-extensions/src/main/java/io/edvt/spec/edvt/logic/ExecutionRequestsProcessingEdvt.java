package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.ExecutionRequestsProcessingFulu;

/**
 * Fulu's execution requests with EDVT's modified {@code process_withdrawal_request}: a partial
 * withdrawal must leave {@code get_validator_minimum_balance}; full exits are unchanged.
 */
public class ExecutionRequestsProcessingEdvt extends ExecutionRequestsProcessingFulu {
  private final GroupBalancesEdvt balances;

  public ExecutionRequestsProcessingEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.balances = new GroupBalancesEdvt(helpers);
  }

  @Override
  protected UInt64 getValidatorMinimumBalance(MutableBeaconState state, int validatorIndex) {
    return balances.getValidatorMinimumBalance(state, validatorIndex);
  }
}
