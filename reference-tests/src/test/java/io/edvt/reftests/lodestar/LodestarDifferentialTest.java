package io.edvt.reftests.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The differential test: a busy chain that our chain builder signs (attestations, deposit
 * requests, voluntary exits, proposer and attester slashings, withdrawal and consolidation
 * requests, BLS changes, sync aggregates) goes through our {@code StateTransitionFulu} and
 * through Lodestar 1.46.0; the state roots must be equal after every epoch transition and every
 * block, in the minimal and the mainnet preset. Lodestar verifies every signature and every
 * block's {@code state_root}, so the blocks our code signed must also be valid for Lodestar.
 *
 * <p>See {@link LodestarDifferential} for how the two runs are compared and how a disagreement is
 * reported (the first differing step, then the differing state fields), and
 * {@link LodestarAgreesWithVectorsTest} for the proof that the Lodestar harness itself is right.
 */
class LodestarDifferentialTest {

  @ParameterizedTest(name = "{0} preset, {1} epochs")
  @CsvSource({"minimal, 6", "mainnet, 4"})
  void ourRootsEqualLodestarsAtEveryBlockAndEpoch(String preset, int epochs) {
    long t0 = System.nanoTime();
    DifferentialChain chain = EdvtChains.busyChain(preset, epochs);
    long t1 = System.nanoTime();
    assertThat(chain.config().presetBase()).isEqualTo(preset);
    assertBusy(chain, epochs);

    LodestarDifferential.Outcome o =
        LodestarDifferential.assertAgree(chain, EdvtChains.ourTransition(chain.config()), LodestarRunner.installed());
    long t2 = System.nanoTime();

    assertThat(o.lodestar().epochs()).as("epoch transitions compared").hasSizeGreaterThanOrEqualTo(epochs);
    assertThat(o.lodestar().blocks()).as("blocks compared").hasSize(chain.blocks().size());
    BeaconState last = o.ours().states().getLast();
    String effects = effects(chain.genesis(), last);
    System.out.printf("LodestarDifferentialTest %s: %d blocks and %d epoch transitions agree; %s "
            + "(chain built in %.1f s; our transition + Lodestar %.1f s, of which node %.1f s)%n",
        preset, o.lodestar().blocks().size(), o.lodestar().epochs().size(), effects, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        o.lodestar().elapsed().toMillis() / 1e3);
    // the operations took effect (on both sides, as the roots agree)
    assertThat(count(last, v -> v.slashed())).as("slashed validators").isGreaterThanOrEqualTo(3);
    assertThat(count(last, v -> !v.exitEpoch().equals(UInt64.MAX_VALUE)))
        .as("exiting validators (slashed, voluntary exit, full-exit request)").isGreaterThanOrEqualTo(5);
    assertThat(last.finalizedCheckpoint().epoch().longValue()).as("finalized epoch").isPositive();
  }

  private static String effects(BeaconState genesis, BeaconState last) {
    return String.format("head slot %d: %d validators (genesis %d), %d slashed, %d exiting, %d compounding, "
            + "%d pending deposits, %d pending partial withdrawals, %d pending consolidations, finalized epoch %d",
        last.slot().longValue(), last.validators().size(), genesis.validators().size(), count(last, v -> v.slashed()),
        count(last, v -> !v.exitEpoch().equals(UInt64.MAX_VALUE)),
        count(last, v -> v.withdrawalCredentials().get(0) == SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX),
        last.pendingDeposits().size(), last.pendingPartialWithdrawals().size(), last.pendingConsolidations().size(),
        last.finalizedCheckpoint().epoch().longValue());
  }

  private static int count(BeaconState state, Predicate<Validator> p) {
    return (int) state.validators().stream().filter(p).count();
  }

  /** The chain must really exercise the state transition, not just carry empty blocks. */
  private static void assertBusy(DifferentialChain chain, int epochs) {
    List<SignedBeaconBlock> blocks = chain.blocks();
    long slotsPerEpoch = chain.config().slotsPerEpoch();
    long firstSlot = blocks.getFirst().message().slot().longValue();
    long lastSlot = blocks.getLast().message().slot().longValue();
    assertThat(lastSlot / slotsPerEpoch - firstSlot / slotsPerEpoch)
        .as("epochs the chain spans").isGreaterThanOrEqualTo(epochs - 1);
    assertThat(count(blocks, b -> b.attestations().isEmpty() ? 0 : 1))
        .as("blocks with attestations").isGreaterThanOrEqualTo(blocks.size() / 2);
    assertThat(count(blocks, b -> b.syncAggregate().syncCommitteeBits().count() > 0 ? 1 : 0))
        .as("blocks with sync aggregates").isGreaterThanOrEqualTo(blocks.size() / 8);
    assertThat(count(blocks, b -> b.syncAggregate().syncCommitteeBits().count() == 0 ? 1 : 0))
        .as("blocks with empty sync aggregates").isPositive();
    assertThat(count(blocks, b -> b.proposerSlashings().size())).as("proposer slashings").isPositive();
    assertThat(count(blocks, b -> b.attesterSlashings().size())).as("attester slashings").isPositive();
    assertThat(count(blocks, b -> b.voluntaryExits().size())).as("voluntary exits").isPositive();
    assertThat(count(blocks, b -> b.blsToExecutionChanges().size())).as("BLS to execution changes").isPositive();
    assertThat(count(blocks, b -> b.executionRequests().deposits().size())).as("deposit requests").isPositive();
    assertThat(count(blocks, b -> b.executionRequests().withdrawals().size())).as("withdrawal requests").isPositive();
    assertThat(count(blocks, b -> b.executionRequests().consolidations().size())).as("consolidation requests").isPositive();
  }

  private static int count(List<SignedBeaconBlock> blocks, ToIntFunction<BeaconBlockBody> f) {
    return blocks.stream().mapToInt(b -> f.applyAsInt(b.message().body())).sum();
  }
}
