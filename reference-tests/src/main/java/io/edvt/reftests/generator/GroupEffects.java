package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * What a generated case's post state must show, read from the states themselves: a group and its
 * key sets, participation flags, slashing, exits and balances, for the effects the case names promise.
 */
final class GroupEffects {
  private GroupEffects() {}

  /** The group of {@code validator}, if it has one. */
  static Optional<Group> group(BeaconState state, int validator) {
    return EdvtStates.edvtState(state).groups().asList().stream()
        .filter(g -> g.validatorIndex().equals(UInt64.valueOf(validator))).findFirst();
  }

  /** The latest key set of {@code validator}'s group (the one a registration or key change added). */
  static Optional<GroupKeySet> latestKeySet(BeaconState state, int validator) {
    return group(state, validator).map(g -> g.keySets().get(g.keySets().size() - 1));
  }

  /** {@code validator} had no group before and has one now whose latest key set is {@code m} of {@code n} keys. */
  static BiPredicate<BeaconState, BeaconState> registered(int validator, int m, int n) {
    return (pre, post) -> group(pre, validator).isEmpty() && latestKeySet(post, validator)
        .filter(k -> k.threshold().longValue() == m && k.pubkeys().size() == n).isPresent();
  }

  /** The participation flags of {@code validator} for the current epoch. */
  static int currentFlags(BeaconState state, int validator) {
    return state.currentEpochParticipation().get(validator);
  }

  /** The participation flags of {@code validator} for the previous epoch. */
  static int previousFlags(BeaconState state, int validator) {
    return state.previousEpochParticipation().get(validator);
  }

  static boolean slashed(BeaconState state, int validator) {
    return state.validators().get(validator).slashed();
  }

  /** {@code validator} has an exit epoch in the post state and had none before. */
  static BiPredicate<BeaconState, BeaconState> exits(int validator) {
    return (pre, post) -> state(pre, validator).equals(UInt64.MAX_VALUE) && !state(post, validator).equals(UInt64.MAX_VALUE);
  }

  private static UInt64 state(BeaconState s, int validator) {
    return s.validators().get(validator).exitEpoch();
  }

  static long balance(BeaconState state, int validator) {
    return state.balances().get(validator).longValue();
  }
}
