package io.edvt.reftests.epoch;

import io.edvt.spec.logic.common.StateTransitionException;

import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.spec.edvt.logic.EpochProcessorEdvt;
import io.edvt.reftests.TestExecutor;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
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
  /** One epoch step on a working state, with the case's deposit signature verifier. */
  @FunctionalInterface
  public interface Step {
    void run(EpochProcessorFulu processor, MutableBeaconState state, SignatureVerifier verifier);
  }

  private final String handler;
  private final Step step;

  private EpochProcessingExecutor(String handler, Step step) {
    this.handler = handler;
    this.step = step;
  }

  /** The executors of the Fulu handlers, by handler name. */
  public static Map<String, TestExecutor> executors() {
    Map<String, TestExecutor> out = new LinkedHashMap<>();
    steps().forEach((name, step) -> out.put(name, new EpochProcessingExecutor(name, step)));
    return out;
  }

  /** The step ({@code process_<handler>}) of each handler, by handler name. */
  public static Map<String, Step> steps() {
    Map<String, Step> steps = new LinkedHashMap<>();
    steps.put("justification_and_finalization", (p, s, v) -> p.processJustificationAndFinalization(s));
    steps.put("inactivity_updates", (p, s, v) -> p.processInactivityUpdates(s));
    steps.put("rewards_and_penalties", (p, s, v) -> p.processRewardsAndPenalties(s));
    steps.put("registry_updates", (p, s, v) -> p.processRegistryUpdates(s));
    steps.put("slashings", (p, s, v) -> p.processSlashings(s));
    steps.put("eth1_data_reset", (p, s, v) -> p.processEth1DataReset(s));
    steps.put("pending_deposits", (p, s, v) -> p.processPendingDeposits(s, v));
    steps.put("pending_consolidations", (p, s, v) -> p.processPendingConsolidations(s));
    steps.put("effective_balance_updates", (p, s, v) -> p.processEffectiveBalanceUpdates(s));
    steps.put("slashings_reset", (p, s, v) -> p.processSlashingsReset(s));
    steps.put("randao_mixes_reset", (p, s, v) -> p.processRandaoMixesReset(s));
    steps.put("historical_summaries_update", (p, s, v) -> p.processHistoricalSummariesUpdate(s));
    steps.put("participation_flag_updates", (p, s, v) -> p.processParticipationFlagUpdates(s));
    steps.put("sync_committee_updates", (p, s, v) -> p.processSyncCommitteeUpdates(s));
    steps.put("proposer_lookahead", (p, s, v) -> p.processProposerLookahead(s));
    steps.put("group_key_set_pruning", (p, s, v) -> {
      if (!(p instanceof EpochProcessorEdvt edvt)) {
        throw new SkipCase("process_group_key_set_pruning exists only in fork edvt");
      }
      edvt.processGroupKeySetPruning(s);
    });
    return steps;
  }

  @Override
  public void run(TestCase c) {
    SpecFulu spec = FuluStates.spec(c);
    SignatureVerifier verifier = FuluStates.verifier(c);
    check(spec, c, "pre", "post", "process_" + handler,
        state -> step.run(spec.epochProcessor(), state, verifier));
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
    } catch (StateTransitionException | ArithmeticException e) {
      // a spec assertion, or uint64 overflow (the spec's arithmetic raises on it): the rejection
      // an invalid case expects. Any other exception is a bug and fails the case either way.
      if (!valid) {
        return;
      }
      throw new AssertionError(what + " failed on a valid case: " + e, e);
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
