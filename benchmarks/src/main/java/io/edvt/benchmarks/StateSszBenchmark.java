package io.edvt.benchmarks;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
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
 * SSZ and merkleisation of a mainnet-preset Fulu BeaconState with N validators, read from the
 * same file Lodestar's side reads (see {@link BenchStates}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class StateSszBenchmark {
  @Param({"100000", "1000000"})
  public int validators;

  private ContainerType<? extends BeaconStateFulu> type;
  private byte[] bytes;
  private BeaconState hashed;
  private int next;

  @Setup(Level.Trial)
  public void load() {
    type = BenchStates.mainnetStateType();
    bytes = BenchStates.read(validators);
    hashed = type.deserialize(bytes);
    BenchStates.checkRoot(validators, hashed.hash());
  }

  /**
   * A freshly deserialised state per invocation, only for {@link #hashTreeRootFresh}: an
   * invocation-level setup in the main state would run before every benchmark of the class and
   * distort the microsecond-scale ones (a whole state is deserialised and dropped between calls).
   */
  @State(Scope.Thread)
  public static class FreshState {
    BeaconStateFulu state;

    @Setup(Level.Invocation)
    public void deserialize(StateSszBenchmark bench) {
      state = bench.type.deserialize(bench.bytes);
    }
  }

  /** Deserialise the state and compute its root from nothing cached. */
  @Benchmark
  public byte[] deserializeAndHashTreeRoot() {
    return type.deserialize(bytes).hash();
  }

  /** Root of a freshly deserialised state (deserialisation not timed). */
  @Benchmark
  public byte[] hashTreeRootFresh(FreshState fresh) {
    return fresh.state.hash();
  }

  /** Change one balance (a different validator each time) and recompute the root. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] incrementalRootAfterOneBalance() {
    int i = next++ % validators;
    SszList<UInt64> balances = hashed.balances();
    hashed = hashed.withBalances(balances.set(i, balances.get(i).plus(1)));
    return hashed.hash();
  }

  @Benchmark
  public byte[] serialize() {
    return hashed.serialize();
  }

  @Benchmark
  public BeaconStateFulu deserialize() {
    return type.deserialize(bytes);
  }
}
