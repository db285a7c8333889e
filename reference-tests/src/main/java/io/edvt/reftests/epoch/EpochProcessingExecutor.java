package io.edvt.reftests.epoch;

import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.SpecRejection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runner {@code epoch_processing}: runs the one step named by the handler
 * ({@code process_<handler>}) on {@code pre.ssz_snappy} and compares the result with
 * {@code post.ssz_snappy}; without a post state the step must fail.
 *
 * <p>Where the case also has {@code pre_epoch.ssz_snappy}, it checks the whole
 * {@code process_epoch} as well (the format's alternative condition): the result must equal
 * {@code post_epoch.ssz_snappy}, or fail when that file is absent.
 */
public final class EpochProcessingExecutor implements TestExecutor {
  /** One epoch step of a milestone's logic, on a working state, with the case's deposit signature verifier. */
  @FunctionalInterface
  public interface Step {
    void run(MutableBeaconState state, SignatureVerifier verifier);
  }

  /**
   * The steps of {@code milestone}'s {@code process_epoch} by handler name, bound to its logic:
   * Fulu's in every milestone, and those a later milestone adds.
   */
  public static Map<String, Step> steps(SpecMilestone milestone, SpecVersions versions) {
    EpochProcessorFulu p = versions.forMilestone(milestone).epochProcessor();
    Map<String, Step> steps = new LinkedHashMap<>();
    steps.put("justification_and_finalization", (s, v) -> p.processJustificationAndFinalization(s));
    steps.put("inactivity_updates", (s, v) -> p.processInactivityUpdates(s));
    steps.put("rewards_and_penalties", (s, v) -> p.processRewardsAndPenalties(s));
    steps.put("registry_updates", (s, v) -> p.processRegistryUpdates(s));
    steps.put("slashings", (s, v) -> p.processSlashings(s));
    steps.put("eth1_data_reset", (s, v) -> p.processEth1DataReset(s));
    steps.put("pending_deposits", p::processPendingDeposits);
    steps.put("pending_consolidations", (s, v) -> p.processPendingConsolidations(s));
    steps.put("effective_balance_updates", (s, v) -> p.processEffectiveBalanceUpdates(s));
    steps.put("slashings_reset", (s, v) -> p.processSlashingsReset(s));
    steps.put("randao_mixes_reset", (s, v) -> p.processRandaoMixesReset(s));
    steps.put("historical_summaries_update", (s, v) -> p.processHistoricalSummariesUpdate(s));
    steps.put("participation_flag_updates", (s, v) -> p.processParticipationFlagUpdates(s));
    steps.put("sync_committee_updates", (s, v) -> p.processSyncCommitteeUpdates(s));
    steps.put("proposer_lookahead", (s, v) -> p.processProposerLookahead(s));
    switch (milestone) {
      case FULU -> { }
      case EDVT -> steps.put("group_key_set_pruning", (s, v) -> versions.edvt().epochProcessor().processGroupKeySetPruning(s));
    }
    return steps;
  }

  @Override
  public void run(TestCase c) {
    SpecMilestone milestone = c.milestone();
    SpecVersions versions = ReferenceSpecs.versions(c.preset());
    Step step = steps(milestone, versions).get(c.handler());
    if (step == null) {
      throw new SkipCase("no epoch step 'process_" + c.handler() + "' in fork " + c.fork());
    }
    run(c, versions.forMilestone(milestone), step);
  }

  /** The case with {@code step} as its {@code process_<handler>}. */
  static void run(TestCase c, SpecFulu spec, Step step) {
    SignatureVerifier verifier = FuluStates.verifier(c);
    check(spec, c, "pre", "post", "process_" + c.handler(), state -> step.run(state, verifier));
    if (c.has("pre_epoch.ssz_snappy")) {
      check(spec, c, "pre_epoch", "post_epoch", "process_epoch",
          state -> spec.epochProcessor().processEpoch(state, verifier));
    }
  }

  private static void check(SpecFulu spec, TestCase c, String preName, String postName, String what,
      java.util.function.Consumer<MutableBeaconState> transition) {
    BeaconState pre = FuluStates.read(spec, c, preName);
    boolean valid = c.has(postName + ".ssz_snappy");
    MutableBeaconState state = new MutableBeaconState(pre);
    BeaconState result;
    try {
      transition.accept(state);
      result = state.commit();
    } catch (RuntimeException e) {
      // only a spec rejection (an assertion, a uint64 overflow) is what an invalid case expects;
      // anything else, a division by zero or a long too small for a value among them, is a bug
      SpecRejection rejection = SpecRejection.require(e);
      if (!valid) {
        return;
      }
      throw new AssertionError(what + " failed on a valid case: " + rejection, e);
    }
    if (!valid) {
      throw new AssertionError(what + " succeeded but the case has no " + postName + " state (it must fail)");
    }
    String diff = FuluStates.difference(FuluStates.read(spec, c, postName), result);
    if (diff != null) {
      throw new AssertionError(what + ": " + diff);
    }
  }
}
