package io.edvt.benchmarks;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
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
 * {@code state_transition} of a full, real mainnet-preset Fulu block (written by {@link
 * BlockBenchData} into {@code <states>/block-<N>/}): process_slots to the block's slot, the block
 * with every signature (proposer, RANDAO, 8 attestations aggregating all committees of 8 slots,
 * sync aggregate) verified in one batch, and the post-state root checked. The same files feed
 * Lodestar's {@code bench.mjs bench-block}. {@code stateTransitionNoSignatures} skips the
 * signatures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class BlockBenchmark {
  @Param({"65536"})
  public int validators;

  private SpecFulu spec;
  private BeaconState pre;
  private SignedBeaconBlock block;
  private BeaconState coldPre;

  static BeaconState transition(SpecFulu spec, BeaconState pre, SignedBeaconBlock block) {
    return spec.stateTransition().stateTransition(pre, block, true, new SignatureVerifier.Batch(), ExecutionEngine.always(true));
  }

  @Setup
  public void load() {
    spec = BlockBenchData.spec();
    Path dir = Path.of(System.getProperty("edvt.bench.states", "benchmarks/lodestar/out")).resolve("block-" + validators);
    try {
      pre = spec.schemas().beaconState().deserialize(Files.readAllBytes(dir.resolve("pre.ssz")));
      coldPre = spec.schemas().beaconState().deserialize(Files.readAllBytes(dir.resolve("pre.ssz")));
      coldPre.hash();
      block = spec.schemas().signedBeaconBlock().deserialize(Files.readAllBytes(dir.resolve("block.ssz")));
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + dir + ": write it first with BlockBenchData (see benchmarks/README.md)", e);
    }
    pre.hash();
    // As in a running node (and as Lodestar's CachedBeaconState, whose index2pubkey holds every
    // key decompressed): the pre-state carries the shared PubkeyIndex with every validator's key
    // decompressed and KeyValidated. Without it each op's working copy would build its own index
    // and decompress all 16,384 attesters' keys again (about 2 s on this machine).
    MutableBeaconState warm = new MutableBeaconState(pre);
    PubkeyIndex index = BenchStates.warmPubkeyIndex(warm);
    pre.caches().put(PubkeyIndex.class, index);
    if (!transition(spec, pre, block).hashTreeRoot().equals(block.message().stateRoot())) {
      throw new IllegalStateException("block does not apply");
    }
  }

  @Benchmark
  public BeaconState stateTransition() {
    return transition(spec, pre, block);
  }

  /**
   * The same as {@link #stateTransition} on a pre-state without the shared {@code PubkeyIndex}:
   * every op decompresses and KeyValidates every attester's public key (a node that just loaded
   * a state from disk; Lodestar always has its pubkey cache).
   */
  @Benchmark
  public BeaconState stateTransitionColdPubkeys() {
    return transition(spec, coldPre, block);
  }

  /**
   * A state as a restarted node has it right after loading it from disk: deserialised and hashed,
   * no public key decompressed. {@code warmUp} says whether the start-up warm-up
   * ({@link PubkeyIndex#warmUp}, both cores) has finished before the block arrives.
   */
  @State(Scope.Thread)
  public static class Loaded {
    BeaconState state;
    byte[] bytes;

    @Setup(Level.Trial)
    public void read(BlockBenchmark bench) throws IOException {
      bytes = Files.readAllBytes(bench.dir().resolve("pre.ssz"));
    }

    void load(BlockBenchmark bench, boolean waitForWarmUp) {
      state = bench.spec.schemas().beaconState().deserialize(bytes);
      state.hash();
      MutableBeaconState view = new MutableBeaconState(state);
      PubkeyIndex index = new PubkeyIndex();
      state.caches().put(PubkeyIndex.class, index);
      var done = index.warmUp(view, ForkJoinPool.commonPool(), 2);
      if (waitForWarmUp) {
        done.join();
      }
    }
  }

  /** The start-up warm-up has finished when the block arrives. */
  @State(Scope.Thread)
  public static class LoadedAndWarmedUp extends Loaded {
    @Setup(Level.Invocation)
    public void load(BlockBenchmark bench) {
      load(bench, true);
    }
  }

  /** The block arrives right after loading: it races the start-up warm-up (the worst case). */
  @State(Scope.Thread)
  public static class JustLoaded extends Loaded {
    @Setup(Level.Invocation)
    public void load(BlockBenchmark bench) {
      load(bench, false);
    }
  }

  /**
   * The first block after a restart, once the start-up warm-up of the keys has finished: the same
   * work as {@link #stateTransition} on a freshly loaded state. One block per load
   * ({@code SingleShotTime}: run with {@code -bm ss} or as annotated).
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public BeaconState firstBlockAfterLoadWarmedUp(LoadedAndWarmedUp loaded) {
    return transition(spec, loaded.state, block);
  }

  /** The first block right after loading, while the start-up warm-up is still running. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public BeaconState firstBlockRightAfterLoad(JustLoaded loaded) {
    return transition(spec, loaded.state, block);
  }

  /** How long the start-up warm-up of every key of the registry takes (both cores). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public Object warmUpAfterLoad(Fresh fresh) {
    MutableBeaconState view = new MutableBeaconState(fresh.state);
    return new PubkeyIndex().warmUp(view, ForkJoinPool.commonPool(), 2).join();
  }

  /** A freshly loaded state, for timing the warm-up alone. */
  @State(Scope.Thread)
  public static class Fresh {
    BeaconState state;

    @Setup(Level.Invocation)
    public void load(BlockBenchmark bench) throws IOException {
      state = bench.spec.schemas().beaconState().deserialize(Files.readAllBytes(bench.dir().resolve("pre.ssz")));
      state.hash();
    }
  }

  Path dir() {
    return Path.of(System.getProperty("edvt.bench.states", "benchmarks/lodestar/out")).resolve("block-" + validators);
  }

  @Benchmark
  public BeaconState stateTransitionNoSignatures() {
    return spec.stateTransition().stateTransition(pre, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
  }
}
