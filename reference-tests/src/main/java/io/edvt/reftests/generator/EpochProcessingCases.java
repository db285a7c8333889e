package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.EpochProcessorEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code epoch_processing}: every Fulu step and {@code group_key_set_pruning} on EDVT states with
 * and without groups, and states edited to exercise what groups change (sync committee seats at a
 * period boundary, key set pruning, scaled ejection, group balances, slashing).
 */
final class EpochProcessingCases {
  private final CaseWriter out;
  private final EdvtStates states;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  EpochProcessingCases(CaseWriter out, EdvtStates states) {
    this.out = out;
    this.states = states;
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    epochProcessing();
  }

  private interface Step {
    void run(EpochProcessorEdvt p, MutableBeaconState s);
  }

  private Map<String, Step> steps() {
    Map<String, Step> steps = new LinkedHashMap<>();
    steps.put("justification_and_finalization", (p, s) -> p.processJustificationAndFinalization(s));
    steps.put("inactivity_updates", (p, s) -> p.processInactivityUpdates(s));
    steps.put("rewards_and_penalties", (p, s) -> p.processRewardsAndPenalties(s));
    steps.put("registry_updates", (p, s) -> p.processRegistryUpdates(s));
    steps.put("slashings", (p, s) -> p.processSlashings(s));
    steps.put("eth1_data_reset", (p, s) -> p.processEth1DataReset(s));
    steps.put("pending_deposits", (p, s) -> p.processPendingDeposits(s, SignatureVerifier.SIMPLE));
    steps.put("pending_consolidations", (p, s) -> p.processPendingConsolidations(s));
    steps.put("effective_balance_updates", (p, s) -> p.processEffectiveBalanceUpdates(s));
    steps.put("slashings_reset", (p, s) -> p.processSlashingsReset(s));
    steps.put("randao_mixes_reset", (p, s) -> p.processRandaoMixesReset(s));
    steps.put("historical_summaries_update", (p, s) -> p.processHistoricalSummariesUpdate(s));
    steps.put("participation_flag_updates", (p, s) -> p.processParticipationFlagUpdates(s));
    steps.put("sync_committee_updates", (p, s) -> p.processSyncCommitteeUpdates(s));
    steps.put("proposer_lookahead", (p, s) -> p.processProposerLookahead(s));
    steps.put("group_key_set_pruning", (p, s) -> p.processGroupKeySetPruning(s));
    return steps;
  }

  private void epochCase(String handler, String name, BeaconState pre, Consumer<MutableBeaconState> edit) {
    Step step = steps().get(handler);
    MutableBeaconState edited = new MutableBeaconState(pre);
    edit.accept(edited);
    BeaconState start = states.fresh(edited.commit());
    MutableBeaconState work = new MutableBeaconState(start);
    BeaconState post;
    try {
      step.run(edvt.epochProcessor(), work);
      post = work.commit();
    } catch (StateTransitionException | ArithmeticException e) {
      post = null;
    }
    Path dir = out.caseDir(EdvtStates.PRESET, "epoch_processing", handler, "pyspec_tests", name);
    out.state(dir, "pre", start);
    if (post != null) {
      out.state(dir, "post", post);
    }
  }

  private void epochProcessing() {
    BeaconStateEdvt withGroups = states.grouped(3L * slotsPerEpoch - 1, true);
    BeaconStateEdvt noGroups = states.grouped(3L * slotsPerEpoch - 1, false);
    for (String handler : steps().keySet()) {
      epochCase(handler, "edvt_state_with_groups", withGroups, s -> {});
      epochCase(handler, "edvt_state_without_groups", noGroups, s -> {});
    }
    // sync committee period boundary: the groups' members take seats
    long periodEnd = (long) config.epochsPerSyncCommitteePeriod() * slotsPerEpoch - 1;
    BeaconStateEdvt atPeriodEnd = states.grouped(periodEnd, true);
    epochCase("sync_committee_updates", "period_boundary_with_groups", atPeriodEnd, s -> {});
    epochCase("sync_committee_updates", "period_boundary_without_groups", states.grouped(periodEnd, false), s -> {});
    epochCase("participation_flag_updates", "period_boundary_with_groups", atPeriodEnd, s -> {});
    // key set pruning: the own key set goes once its successor has been in force long enough
    long delay = config.minValidatorWithdrawabilityDelay();
    for (long epoch : List.of(delay - 1, delay, delay + 1)) {
      epochCase("group_key_set_pruning", "epoch_" + epoch, withGroups,
          s -> s.setSlot(UInt64.valueOf(epoch * slotsPerEpoch + slotsPerEpoch - 1)));
    }
    // scaled ejection: group validators with low effective balances
    for (long eth : List.of(10L, 16L, 20L, 40L, 50L)) {
      epochCase("registry_updates", "group_effective_balance_" + eth + "_eth", withGroups,
          s -> {
            EdvtFixtures.setEffectiveBalance(s, 3, UInt64.valueOf(eth * 1_000_000_000L));
            EdvtFixtures.setEffectiveBalance(s, 10, UInt64.valueOf(eth * 1_000_000_000L));
          });
    }
    epochCase("effective_balance_updates", "group_balance_drop", withGroups,
        s -> s.balances().set(3, UInt64.valueOf(20_000_000_000L)));
    epochCase("slashings", "slashed_group_validator", withGroups, s -> {
      s.validators().set(10, s.validators().get(10).withSlashed(true)
          .withWithdrawableEpoch(UInt64.valueOf(2L + config.epochsPerSlashingsVector() / 2)));
      s.slashings().set(0, UInt64.valueOf(64_000_000_000L));
    });
  }
}
