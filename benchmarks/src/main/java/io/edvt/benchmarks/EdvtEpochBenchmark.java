package io.edvt.benchmarks;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
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
 * Issue 4, epoch processing overhead: the epoch transition of the 1M-validator mainnet-preset
 * bench state with 10 % of the stake in groups of 7 under EDVT ({@code fork=edvt}), against the
 * same validators, balances and participation on Fulu without groups ({@code fork=fulu}); see
 * {@link EdvtBenchStates} for how the pair is made. Target: EDVT at most 3 % slower.
 *
 * <ul>
 *   <li>{@code processEpoch}: a working copy of the hashed pre-state (slot 5 of epoch 420000),
 *       the fork's whole {@code process_epoch}, {@code commit()}.
 *   <li>{@code processSlotsOverEpoch}: {@code process_slots} from the last slot of the epoch
 *       (prepared untimed) to the first slot of the next: one {@code process_slot} (state root of
 *       the hashed pre-state, block root) and the epoch transition, committed.
 * </ul>
 *
 * <p>The 3 % target is below this machine's run-to-run noise, so run both forks in one invocation
 * and compare within it; {@link EdvtEpochOverhead} times the two forks interleaved in one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class EdvtEpochBenchmark {
  @Param({"1000000"})
  public int validators;

  @Param({"fulu", "edvt"})
  public String fork;

  private SpecFulu spec;
  private BeaconState pre;
  private BeaconState lastSlotOfEpoch;
  private UInt64 nextEpochStart;

  @Setup(Level.Trial)
  public void load() {
    EdvtBenchStates.Pair pair = EdvtBenchStates.build(validators);
    SpecMilestone milestone = SpecMilestone.byForkName(fork)
        .orElseThrow(() -> new IllegalArgumentException("fork is fulu or edvt, not " + fork));
    spec = pair.spec(milestone);
    pre = pair.state(milestone);
    int slotsPerEpoch = spec.config().slotsPerEpoch();
    long epochStart = EdvtBenchStates.STATE_EPOCH * slotsPerEpoch;
    nextEpochStart = UInt64.valueOf(epochStart + slotsPerEpoch);
    lastSlotOfEpoch = spec.stateTransition().processSlots(pre, nextEpochStart.minus(1));
    lastSlotOfEpoch.hash();
    System.err.printf("%n%s pre-state: %d validators, %d groups%n", fork, validators, pair.groups());
  }

  @Benchmark
  public BeaconState processEpoch() {
    MutableBeaconState state = new MutableBeaconState(pre);
    spec.epochProcessor().processEpoch(state);
    return state.commit();
  }

  @Benchmark
  public BeaconState processSlotsOverEpoch() {
    return spec.stateTransition().processSlots(lastSlotOfEpoch, nextEpochStart);
  }
}
