package io.edvt.reftests;

import io.edvt.reftests.bls.BlsExecutors;
import io.edvt.reftests.epoch.EpochProcessingExecutor;
import io.edvt.reftests.epoch.RewardsExecutor;
import io.edvt.reftests.fork.ForkExecutor;
import io.edvt.reftests.forkchoice.ForkChoiceExecutor;
import io.edvt.reftests.networking.CustodyExecutors;
import io.edvt.reftests.networking.GossipValidationExecutor;
import io.edvt.reftests.operations.OperationsExecutor;
import io.edvt.reftests.proofs.SingleMerkleProofExecutor;
import io.edvt.reftests.sanity.BlocksExecutor;
import io.edvt.reftests.sanity.SanitySlotsExecutor;
import io.edvt.reftests.shuffling.ShufflingExecutor;
import io.edvt.reftests.ssz.SszStaticExecutor;
import java.util.HashMap;
import java.util.Map;

/**
 * Which executor runs which {@code runner/handler}. A runner with no entry, or a handler its
 * runner does not know, is reported as skipped with the reason, never as passed.
 */
public final class ExecutorRegistry {
  private final Map<String, Map<String, TestExecutor>> byRunner;
  private final Map<String, TestExecutor> anyHandler;

  public ExecutorRegistry() {
    BlocksExecutor blocks = new BlocksExecutor();
    SingleMerkleProofExecutor proofs = new SingleMerkleProofExecutor();
    this.byRunner = Map.of(
        "bls", BlsExecutors.executors(),
        "rewards", RewardsExecutor.executors(),
        "sanity", Map.of("slots", new SanitySlotsExecutor(), "blocks", blocks),
        "finality", Map.of("finality", blocks),
        "random", Map.of("random", blocks),
        "fork", Map.of("fork", new ForkExecutor()),
        "merkle_proof", Map.of("single_merkle_proof", proofs),
        "networking", networking(),
        // only the proofs so far; the light-client sync protocol handlers come with the networking layer
        "light_client", Map.of("single_merkle_proof", proofs));
    this.anyHandler = Map.of(
        "ssz_static", new SszStaticExecutor(),
        "fork_choice", new ForkChoiceExecutor(),
        "shuffling", new ShufflingExecutor(),
        // its handlers are the milestone's epoch steps (EDVT adds one): the executor skips others
        "epoch_processing", new EpochProcessingExecutor(),
        "operations", new OperationsExecutor());
  }

  private static Map<String, TestExecutor> networking() {
    Map<String, TestExecutor> m = new HashMap<>();
    m.put("get_custody_groups", CustodyExecutors.getCustodyGroups());
    m.put("compute_columns_for_custody_group", CustodyExecutors.computeColumnsForCustodyGroup());
    GossipValidationExecutor gossip = new GossipValidationExecutor();
    GossipValidationExecutor.handlers().forEach(h -> m.put(h, gossip));
    return Map.copyOf(m);
  }

  /** The executor for the case; one that throws {@link SkipCase} when there is none yet. */
  public TestExecutor executorFor(TestCase c) {
    TestExecutor any = anyHandler.get(c.runner());
    if (any != null) {
      return any;
    }
    Map<String, TestExecutor> handlers = byRunner.get(c.runner());
    if (handlers == null) {
      return tc -> {
        throw new SkipCase("no executor for runner '" + tc.runner() + "' yet");
      };
    }
    TestExecutor e = handlers.get(c.handler());
    if (e == null) {
      return tc -> {
        throw new SkipCase("no executor for handler '" + tc.handler() + "' of runner '" + tc.runner() + "'");
      };
    }
    return e;
  }
}
