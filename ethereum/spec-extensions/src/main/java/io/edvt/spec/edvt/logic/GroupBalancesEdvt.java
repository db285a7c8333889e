package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.BeaconStateAccessorsFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The balances EDVT scales by the number of members (beacon-chain.md): {@code
 * get_validator_minimum_balance} (what partial withdrawals must leave) and {@code
 * get_validator_ejection_balance}. Both are Fulu's constants for a validator without a group.
 */
public class GroupBalancesEdvt {
  private final SpecConfig config;
  private final BeaconStateAccessorsFulu accessors;
  private final GroupRegistryEdvt registry;

  public GroupBalancesEdvt(EdvtHelpers helpers) {
    this.config = helpers.config();
    this.accessors = helpers.accessors();
    this.registry = helpers.registry();
  }

  /**
   * {@code get_validator_minimum_balance}: {@code MIN_ACTIVATION_BALANCE} per member of the key
   * set in force or of a pending one, whichever has more members.
   */
  public UInt64 getValidatorMinimumBalance(MutableBeaconState state, int validatorIndex) {
    Optional<GroupKeySets<Bytes48>> group = registry.groupKeySets(state, validatorIndex);
    if (group.isEmpty()) {
      return config.minActivationBalance();
    }
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    // get_group_key_set(group, current_epoch).pubkeys: the spec dereferences it without a check
    GroupKeySet<Bytes48> inForce = group.get().keySetAt(currentEpoch).orElseThrow(() ->
        new StateTransitionException("assertion failed: validator " + validatorIndex + " has a key set in force at epoch "
            + currentEpoch));
    int memberCount = inForce.size();
    for (GroupKeySet<Bytes48> keySet : group.get().keySets()) {
      if (keySet.activationEpoch().isGreaterThan(currentEpoch)) {
        memberCount = Math.max(memberCount, keySet.size());
      }
    }
    return config.minActivationBalance().times(memberCount);
  }

  /** {@code get_validator_ejection_balance}: {@code EJECTION_BALANCE} per member in force. */
  public UInt64 getValidatorEjectionBalance(MutableBeaconState state, int validatorIndex) {
    if (registry.getGroupIndex(state, validatorIndex).isEmpty()) {
      return config.ejectionBalance(); // the plain key set has one key
    }
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    GroupKeySet<Bytes48> keySet = registry.getValidatorKeySet(state, validatorIndex, currentEpoch).orElseThrow(() ->
        new StateTransitionException("assertion failed: validator " + validatorIndex + " has a key set in force at epoch "
            + currentEpoch));
    return config.ejectionBalance().times(keySet.size());
  }
}
