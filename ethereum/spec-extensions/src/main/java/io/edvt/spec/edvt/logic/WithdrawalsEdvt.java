package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.WithdrawalsFulu;

/**
 * Fulu's withdrawals with EDVT's modified {@code get_pending_partial_withdrawals}: a partial
 * withdrawal must leave {@code get_validator_minimum_balance} (the modified {@code
 * is_eligible_for_partial_withdrawals} takes it as its third argument).
 */
public class WithdrawalsEdvt extends WithdrawalsFulu {
  private final GroupBalancesEdvt balances;

  public WithdrawalsEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.balances = new GroupBalancesEdvt(helpers);
  }

  @Override
  protected UInt64 getValidatorMinimumBalance(MutableBeaconState state, int validatorIndex) {
    return balances.getValidatorMinimumBalance(state, validatorIndex);
  }
}
