package io.edvt.reftests.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the machinery of {@link LodestarDifferential} independently of our state transition, on a
 * real multi-epoch chain (the {@code multi_epoch_consolidation_chain} sanity vector: 25 signed
 * blocks, 4 epoch transitions). Lodestar writes its state after every step; we read each with our
 * SSZ types and take its root (our merkleisation must give Lodestar's root every time). A run
 * built from those states must agree; the same run with one balance changed from step 5 on must
 * be reported at step 5 with the field and the element that differ; a block our side rejected
 * must be reported as such.
 */
class LodestarDifferentialHarnessTest {
  private static final String CASE = "multi_epoch_consolidation_chain";

  private static DifferentialChain chain;
  private static LodestarRunner lodestar;
  private static LodestarResult dumped;
  private static List<BeaconState> lodestarStates;

  @BeforeAll
  static void setUp() {
    SpecConfig config = SpecConfigLoader.load("minimal", Map.of(
        "ALTAIR_FORK_EPOCH", "0", "BELLATRIX_FORK_EPOCH", "0", "CAPELLA_FORK_EPOCH", "0",
        "DENEB_FORK_EPOCH", "0", "ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "0"));
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(config);
    Path dir = VectorsRoot.testsDir().resolve("minimal/fulu/sanity/blocks/pyspec_tests").resolve(CASE);
    BeaconState pre = schemas.beaconState().deserialize(SnappyFiles.readSszSnappy(dir.resolve("pre.ssz_snappy")));
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      blocks.add(schemas.signedBeaconBlock().deserialize(SnappyFiles.readSszSnappy(dir.resolve("blocks_" + i + ".ssz_snappy"))));
    }
    chain = new DifferentialChain("harness-" + CASE, config, pre, blocks);
    lodestar = LodestarRunner.installed();

    LodestarCase all = LodestarDifferential.lodestarCase(chain);
    int steps = 25 + 4;
    dumped = lodestar.run(all.withDumpSteps(IntStream.range(0, steps).boxed().toList())).requireCompleted();
    assertThat(dumped.rootSteps()).hasSize(steps);
    lodestarStates = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      lodestarStates.add(schemas.beaconState().deserialize(dumped.dumpedState(k).orElseThrow()));
    }
  }

  /** Our run as if our state transition had produced these states. */
  private static LodestarDifferential.OurRun runOf(List<BeaconState> states, int failedBlock, RuntimeException failure) {
    List<LodestarStep> steps = new ArrayList<>();
    for (int k = 0; k < states.size(); k++) {
      LodestarStep s = dumped.rootSteps().get(k);
      BeaconState st = states.get(k);
      steps.add(switch (s) {
        case LodestarStep.Epoch e -> new LodestarStep.Epoch(e.epoch(), e.slot(), st.hashTreeRoot());
        case LodestarStep.Block b -> new LodestarStep.Block(b.index(), b.slot(), st.hashTreeRoot());
        default -> throw new IllegalStateException("unexpected step " + s);
      });
    }
    return new LodestarDifferential.OurRun(steps, states, failedBlock, failure);
  }

  @Test
  void ourMerkleisationOfEveryLodestarStateGivesLodestarsRoot() {
    for (int k = 0; k < lodestarStates.size(); k++) {
      LodestarStep s = dumped.rootSteps().get(k);
      Object reported = s instanceof LodestarStep.Epoch e ? e.stateRoot() : ((LodestarStep.Block) s).stateRoot();
      assertThat(lodestarStates.get(k).hashTreeRoot()).as("step %d (%s)", k, s).isEqualTo(reported);
    }
  }

  @Test
  void equalRunsAgree() {
    LodestarDifferential.Outcome o =
        LodestarDifferential.compareWithLodestar(chain, runOf(lodestarStates, -1, null), lodestar);
    assertThat(o.divergence()).isEmpty();
    assertThat(o.lodestar().epochs()).hasSize(4);
    assertThat(o.lodestar().blocks()).hasSize(25);
  }

  @Test
  void aDifferentBalanceIsReportedAtItsStepWithTheField() {
    List<BeaconState> changed = new ArrayList<>(lodestarStates);
    for (int k = 5; k < changed.size(); k++) {
      BeaconState s = changed.get(k);
      UInt64 b3 = s.balances().get(3);
      changed.set(k, s.withBalances(s.balances().set(3, b3.plus(1))));
    }
    LodestarDifferential.Outcome o =
        LodestarDifferential.compareWithLodestar(chain, runOf(changed, -1, null), lodestar);

    assertThat(o.divergence()).isPresent();
    assertThat(o.divergence().get().step()).isEqualTo(5);
    System.out.println("LodestarDifferentialHarnessTest, expected report: " + o.divergence().get().message());
    assertThat(o.divergence().get().message())
        .contains("state root differs at step 5")
        .contains("the 5 steps before agreed")
        .contains("balances: 256 vs 256 elements; [3] ")
        .doesNotContain("validators:");
  }

  @Test
  void aBlockOurSideRejectedIsReported() {
    // steps 0..2 are the epoch transition into epoch 70 and blocks 0 and 1; say we rejected block 2
    LodestarDifferential.OurRun ours =
        runOf(lodestarStates.subList(0, 3), 2, new IllegalStateException("invalid attestation signature"));
    LodestarDifferential.Outcome o = LodestarDifferential.compareWithLodestar(chain, ours, lodestar);
    assertThat(o.divergence()).isPresent();
    assertThat(o.divergence().get().message())
        .contains("our state transition rejected block 2")
        .contains("invalid attestation signature")
        .contains("Lodestar accepted it");
  }
}
