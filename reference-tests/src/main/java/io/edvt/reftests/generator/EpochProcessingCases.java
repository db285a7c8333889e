package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.epoch.EpochProcessingExecutor.Step;
import io.edvt.reftests.epoch.EpochProcessingExecutor;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code epoch_processing}: every Fulu step and {@code group_key_set_pruning} on EDVT states with
 * and without groups, and states edited to exercise what groups change (sync committee seats at a
 * period boundary, key set pruning, scaled ejection, group balances, slashing). The steps are the
 * runner's own ({@link EpochProcessingExecutor#steps}), so the two cannot name different functions.
 */
final class EpochProcessingCases {
  private final CaseWriter out;
  private final EdvtStates states;
  private final SpecConfig config;
  private final int slotsPerEpoch;
  private final Map<String, Step> steps;

  EpochProcessingCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
    this.steps = EpochProcessingExecutor.steps(SpecMilestone.EDVT, new SpecVersions(config));
  }

  void all() {
    BeaconStateEdvt withGroups = states.grouped(3L * slotsPerEpoch - 1, true);
    BeaconStateEdvt noGroups = states.grouped(3L * slotsPerEpoch - 1, false);
    for (String handler : steps.keySet()) {
      epochCase(handler, "edvt_state_with_groups", groupsKept(2), withGroups, s -> { });
      epochCase(handler, "edvt_state_without_groups", groupsKept(0), noGroups, s -> { });
    }
    // sync committee period boundary: the next committee is drawn from the key sets in force, so a
    // group's validator can sit only with its members' keys, never with its own
    long periodEnd = (long) config.epochsPerSyncCommitteePeriod() * slotsPerEpoch - 1;
    BeaconStateEdvt atPeriodEnd = states.grouped(periodEnd, true);
    epochCase("sync_committee_updates", "period_boundary_with_groups", rotatesSyncCommittee(true), atPeriodEnd, s -> { });
    epochCase("sync_committee_updates", "period_boundary_without_groups", rotatesSyncCommittee(false),
        states.grouped(periodEnd, false), s -> { });
    epochCase("participation_flag_updates", "period_boundary_with_groups", Outcome.accepted(
        "validators' and members' current participation becomes the previous, the current is cleared", (pre, post) ->
            EdvtStates.edvtState(post).previousEpochMemberParticipation().asList()
                .equals(EdvtStates.edvtState(pre).currentEpochMemberParticipation().asList())
            && EdvtStates.edvtState(post).currentEpochMemberParticipation().asList().stream().allMatch(p -> p == 0)
            && EdvtStates.edvtState(post).currentEpochMemberParticipation().size() == 2 * SpecConfigEdvt.of(config).maxGroupSize()
            && post.previousEpochParticipation().asList().equals(pre.currentEpochParticipation().asList())),
        atPeriodEnd, s -> { });
    // key set pruning: the own key set goes once its successor has been in force long enough
    long delay = config.minValidatorWithdrawabilityDelay();
    for (long epoch : List.of(delay - 1, delay, delay + 1)) {
      // the members' key sets are in force from epoch 1 (EdvtFixtures.addGroup): pruning is due at
      // the end of epoch 1 + delay - 1, when the next epoch reaches 1 + delay
      boolean due = epoch + 1 >= 1 + delay;
      epochCase("group_key_set_pruning", "epoch_" + epoch, Outcome.accepted(due
              ? "both groups' own key sets pruned, the members' kept" : "no key set pruned yet",
          (pre, post) -> keySetCounts(pre).equals(List.of(2, 2)) && keySetCounts(post).equals(due ? List.of(1, 1) : List.of(2, 2))),
          withGroups, s -> s.setSlot(UInt64.valueOf(epoch * slotsPerEpoch + slotsPerEpoch - 1)));
    }
    // scaled ejection: EJECTION_BALANCE per member in force (3 for validator 3, 4 for validator 10)
    long ejection = config.ejectionBalance().longValue();
    for (long eth : List.of(10L, 16L, 20L, 40L, 50L)) {
      long balance = eth * 1_000_000_000L;
      boolean ejects3 = balance <= 3 * ejection;
      boolean ejects10 = balance <= 4 * ejection;
      epochCase("registry_updates", "group_effective_balance_" + eth + "_eth", Outcome.accepted(
          "ejected at or below EJECTION_BALANCE per member: validator 3 " + (ejects3 ? "exits" : "stays")
              + ", validator 10 " + (ejects10 ? "exits" : "stays"),
          (pre, post) -> GroupEffects.exits(3).test(pre, post) == ejects3 && GroupEffects.exits(10).test(pre, post) == ejects10),
          withGroups, s -> {
            EdvtFixtures.setEffectiveBalance(s, 3, UInt64.valueOf(balance));
            EdvtFixtures.setEffectiveBalance(s, 10, UInt64.valueOf(balance));
          });
    }
    epochCase("effective_balance_updates", "group_balance_drop", Outcome.accepted(
        "validator 3's effective balance follows its balance down", (pre, post) ->
            post.validators().get(3).effectiveBalance().isLessThan(pre.validators().get(3).effectiveBalance())),
        withGroups, s -> s.balances().set(3, UInt64.valueOf(20_000_000_000L)));
    epochCase("slashings", "slashed_group_validator", Outcome.accepted(
        "the slashed group validator 10 pays the slashing penalty", (pre, post) ->
            GroupEffects.balance(post, 10) < GroupEffects.balance(pre, 10)),
        withGroups, s -> {
          s.validators().set(10, s.validators().get(10).withSlashed(true)
              .withWithdrawableEpoch(UInt64.valueOf(2L + config.epochsPerSlashingsVector() / 2)));
          s.slashings().set(0, UInt64.valueOf(64_000_000_000L));
        });
  }

  /** The number of key sets of each group. */
  private static List<Integer> keySetCounts(BeaconState state) {
    return EdvtStates.edvtState(state).groups().asList().stream().map(g -> g.keySets().size()).toList();
  }

  /** The state has {@code count} groups before and after the step. */
  private static Outcome groupsKept(int count) {
    return Outcome.accepted("an EDVT state with " + count + " groups, kept by the step", (pre, post) ->
        EdvtStates.edvtState(pre).groups().size() == count && EdvtStates.edvtState(post).groups().size() == count);
  }

  /**
   * The next committee becomes the current one and a new one is drawn, every seat a key in force:
   * a validator's own key, or (with groups) a member key of group 3 or 10, never their own keys.
   */
  private static Outcome rotatesSyncCommittee(boolean groups) {
    return Outcome.accepted("the sync committees rotate; every new seat holds a key in force"
        + (groups ? " (groups 3 and 10: member keys only)" : ""), (pre, post) -> {
          Set<Bytes48> inForce = new HashSet<>();
          pre.validators().asList().forEach(v -> inForce.add(v.pubkey()));
          if (groups) {
            for (int v : new int[] {3, 10}) {
              inForce.remove(pre.validators().get(v).pubkey());
              for (int j = 0; j < 4; j++) {
                inForce.add(EdvtFixtures.memberKey(v, j).publicKey().toBytes());
              }
            }
          }
          return post.currentSyncCommittee().equals(pre.nextSyncCommittee())
              && !post.nextSyncCommittee().equals(pre.nextSyncCommittee())
              && inForce.containsAll(post.nextSyncCommittee().pubkeys().asList());
        });
  }

  /** One case of {@code handler}: {@code edit} on {@code pre}, then the step must show {@code expected}. */
  private void epochCase(String handler, String name, Outcome expected, BeaconState pre, Consumer<MutableBeaconState> edit) {
    Step step = steps.get(handler);
    MutableBeaconState edited = new MutableBeaconState(pre);
    edit.accept(edited);
    BeaconState start = states.fresh(edited.commit());
    BeaconState post = Outcome.check(handler + "/" + name, expected, start, () -> {
      MutableBeaconState work = new MutableBeaconState(start);
      step.run(work, SignatureVerifier.SIMPLE);
      return work.commit();
    });
    Path dir = out.caseDir(EdvtStates.PRESET, "epoch_processing", handler, "pyspec_tests", name);
    out.state(dir, "pre", start);
    if (post != null) {
      out.state(dir, "post", post);
    }
  }
}
