package io.edvt.benchmarks;

import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code process_epoch} on the mainnet-preset Fulu state with N validators that Lodestar's side
 * reads too ({@code state-valid-<N>.ssz}, see {@link BenchStates}; Lodestar's {@code bench.mjs
 * bench-epoch} times {@code processSlots} across the same epoch boundary). The pre-state is hashed once and its public-key index is
 * built beforehand, as in a running node; each operation starts a working copy of the same
 * pre-state, runs the whole epoch transition and commits it. {@code processEpochAndRoot} also
 * computes the new state root (the changed paths only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class EpochTransitionBenchmark {
  @Param({"100000", "1000000"})
  public int validators;

  private SpecFulu spec;
  private BeaconState pre;

  @Setup(Level.Trial)
  public void load() {
    spec = new SpecFulu(SpecConfigLoader.load("mainnet"));
    // the state with valid BLS public keys, the one Lodestar's bench-epoch needs
    pre = BenchStates.mainnetStateType().deserialize(BenchStates.read("valid-", validators));
    BenchStates.checkRoot("valid-", validators, pre.hash());
    MutableBeaconState warm = new MutableBeaconState(pre);
    PubkeyIndex index = PubkeyIndex.of(warm);
    index.indexOf(warm, warm.validators().get(0).pubkey());
    pre.caches().put(PubkeyIndex.class, index);
  }

  @Benchmark
  public BeaconState processEpoch() {
    MutableBeaconState state = new MutableBeaconState(pre);
    spec.epochProcessor().processEpoch(state);
    return state.commit();
  }

  /**
   * {@code processEpoch} plus the attester shuffling of the epoch after the next one, which
   * Lodestar's {@code afterProcessEpoch} computes eagerly in every epoch transition and EDVT
   * computes lazily (on the first committee lookup): the like-for-like amount of work.
   */
  @Benchmark
  public BeaconState processEpochAndShuffling() {
    MutableBeaconState state = new MutableBeaconState(pre);
    spec.epochProcessor().processEpoch(state);
    spec.accessors().getShuffling(state, spec.accessors().getCurrentEpoch(state).plus(2));
    return state.commit();
  }

  @Benchmark
  public byte[] processEpochAndRoot() {
    MutableBeaconState state = new MutableBeaconState(pre);
    spec.epochProcessor().processEpoch(state);
    return state.commit().hash();
  }
}
