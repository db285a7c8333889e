package io.edvt.spec.edvt.logic;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.BeaconStateAccessorsFulu;
import io.edvt.spec.logic.versions.fulu.BeaconStateMutatorsFulu;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import io.edvt.spec.logic.versions.fulu.ValidatorUpdatesFulu;

/**
 * Fulu's registry sweeps with EDVT's modified {@code process_registry_updates}: an active
 * validator is ejected at {@code get_validator_ejection_balance} ({@code EJECTION_BALANCE} per
 * member in force).
 */
public class ValidatorUpdatesEdvt extends ValidatorUpdatesFulu {
  private final GroupBalancesEdvt balances;

  public ValidatorUpdatesEdvt(SpecConfig config, MiscHelpersFulu misc, BeaconStateAccessorsFulu accessors,
      BeaconStateMutatorsFulu mutators, GroupRegistryEdvt registry) {
    super(config, misc, accessors, mutators);
    this.balances = new GroupBalancesEdvt(config, accessors, registry);
  }

  @Override
  protected long getValidatorEjectionBalance(MutableBeaconState state, int validatorIndex) {
    return balances.getValidatorEjectionBalance(state, validatorIndex).longValue();
  }
}
