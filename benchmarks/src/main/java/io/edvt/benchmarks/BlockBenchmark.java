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

  @Benchmark
  public BeaconState stateTransitionNoSignatures() {
    return spec.stateTransition().stateTransition(pre, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
  }
}
