package io.edvt.benchmarks;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4, block processing: {@code state_transition} of the full block written by {@link
 * EdvtBlockBenchData} (8 attestations aggregating all 128 committees of slots 1..8, real
 * signatures), on EDVT with every 64th validator a group of 7 whose members all sign
 * ({@code fork=edvt}), and on Fulu with the same validators and balances ({@code fork=fulu}).
 * As in {@link BlockBenchmark}: every signature set of the block in one batch, the post-state root
 * checked, the pre-state's {@code PubkeyIndex} warm (validator keys decompressed; EDVT member keys
 * are decompressed on first use and stay cached, as in a running node). Unlike {@link
 * BlockBenchmark}, the pre-state also carries the epoch's caches that the blocks before it would
 * have filled (shuffling, total active balance; EDVT: group index, sync committee seats), so the
 * shuffling of the epoch (the same work for both forks) does not dominate. {@code
 * stateTransitionNoSignatures} gives the part that is not signature verification. The cost per
 * member signature is the time divided by the attestation signers in {@code meta.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class EdvtBlockBenchmark {
  @Param({"65536"})
  public int validators;

  @Param({"fulu", "edvt"})
  public String fork;

  private SpecFulu spec;
  private BeaconState pre;
  private SignedBeaconBlock block;

  static BeaconState transition(SpecFulu spec, BeaconState pre, SignedBeaconBlock block) {
    return spec.stateTransition().stateTransition(pre, block, true, new SignatureVerifier.Batch(), ExecutionEngine.always(true));
  }

  @Setup
  public void load() {
    SpecMilestone milestone = SpecMilestone.byForkName(fork)
        .orElseThrow(() -> new IllegalArgumentException("fork is fulu or edvt, not " + fork));
    SpecVersions versions = new SpecVersions(EdvtBlockBenchData.config());
    spec = versions.forMilestone(milestone);
    Path dir = Path.of(System.getProperty("edvt.bench.states", "benchmarks/lodestar/out"))
        .resolve("edvt-block-" + validators).resolve(fork);
    try {
      pre = spec.schemas().beaconState().deserialize(Files.readAllBytes(dir.resolve("pre.ssz")));
      block = spec.schemas().signedBeaconBlock().deserialize(Files.readAllBytes(dir.resolve("block.ssz")));
      System.err.printf("%n%s block: %s", fork, Files.readString(dir.resolve("meta.json")));
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + dir + ": write it first with EdvtBlockBenchData (see benchmarks/README.md)", e);
    }
    pre.hash();
    MutableBeaconState warm = new MutableBeaconState(pre);
    BenchStates.warmPubkeyIndex(warm);
    // the epoch's caches a node has from the blocks before this one: shuffling, total active
    // balance, group index, sync committee seats
    spec.accessors().getBeaconCommittee(warm, block.message().slot().minus(1), 0);
    spec.accessors().getTotalActiveBalance(warm);
    switch (milestone) {
      case FULU -> { }
      case EDVT -> {
        SpecEdvt edvt = versions.edvt();
        edvt.registry().getGroupIndex(warm, 0);
        edvt.registry().index(warm);
        edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(warm);
      }
    }
    pre = warm.commit();
    pre.hash();
    if (!transition(spec, pre, block).hashTreeRoot().equals(block.message().stateRoot())) {
      throw new IllegalStateException("block does not apply");
    }
  }

  @Benchmark
  public BeaconState stateTransition() {
    return transition(spec, pre, block);
  }

  @Benchmark
  public BeaconState stateTransitionNoSignatures() {
    return spec.stateTransition().stateTransition(pre, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
  }
}
