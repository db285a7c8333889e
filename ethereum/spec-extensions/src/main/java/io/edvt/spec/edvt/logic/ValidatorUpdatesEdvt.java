package io.edvt.spec.edvt.logic;

import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.ValidatorUpdatesFulu;
import java.util.function.IntToLongFunction;

/**
 * Fulu's registry sweeps with EDVT's modified {@code process_registry_updates}: an active
 * validator is ejected at {@code get_validator_ejection_balance} ({@code EJECTION_BALANCE} per
 * member in force).
 */
public class ValidatorUpdatesEdvt extends ValidatorUpdatesFulu {
  private final GroupRegistryEdvt registry;

  public ValidatorUpdatesEdvt(EdvtHelpers helpers) {
    super(helpers.config(), helpers.misc(), helpers.accessors(), helpers.mutators());
    this.registry = helpers.registry();
  }

  /**
   * {@code get_validator_ejection_balance} for one registry sweep: {@code EJECTION_BALANCE} times
   * the number of keys in force, which is one (the plain key set) for a validator without a group.
   * The group and its key set in force come from the state's {@link GroupRegistryIndex}, read in
   * validator order alongside the sweep, not from the group records.
   */
  @Override
  protected IntToLongFunction ejectionBalances(MutableBeaconState state) {
    long plain = config.ejectionBalance().longValue();
    GroupRegistryIndex.Cursor groups = registry.index(state).cursor();
    long currentEpoch = accessors.getCurrentEpoch(state).longValue();
    return validatorIndex -> {
      int p = groups.find(validatorIndex);
      return p < 0 ? plain : plain * keysInForce(groups, p, validatorIndex, currentEpoch);
    };
  }

  private static int keysInForce(GroupRegistryIndex.Cursor groups, int p, int validatorIndex, long epoch) {
    int keys = groups.keySetSizeAt(p, epoch);
    if (keys < 0) {
      throw new StateTransitionException("assertion failed: validator " + validatorIndex
          + " has a key set in force at epoch " + epoch);
    }
    return keys;
  }
}
