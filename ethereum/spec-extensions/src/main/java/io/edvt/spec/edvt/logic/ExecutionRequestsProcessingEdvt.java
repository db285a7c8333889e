package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.ExecutionRequestsProcessingFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * Fulu's execution requests with EDVT's modified {@code process_withdrawal_request}: a partial
 * withdrawal must leave {@code get_validator_minimum_balance}; full exits are unchanged.
 */
public class ExecutionRequestsProcessingEdvt extends ExecutionRequestsProcessingFulu {
  private final GroupBalancesEdvt balances;

  public ExecutionRequestsProcessingEdvt(SpecFulu spec) {
    super(spec);
    this.balances = new GroupBalancesEdvt(spec.config(), spec.accessors(),
        new GroupRegistryEdvt(spec.config(), (SchemaDefinitionsEdvt) spec.schemas()));
  }

  @Override
  protected UInt64 getValidatorMinimumBalance(MutableBeaconState state, int validatorIndex) {
    return balances.getValidatorMinimumBalance(state, validatorIndex);
  }
}
