package io.edvt.benchmarks;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the input of the full-block benchmarks ({@link BlockBenchmark}, Lodestar's {@code
 * bench.mjs bench-block}): a mainnet-preset Fulu chain from an interop genesis of N validators
 * (every fork at epoch 0), the first block at slot 9 made by {@link ChainBuilder} (one aggregate
 * per slot 1..8, each covering every committee of its slot, so MAX_ATTESTATIONS_ELECTRA = 8
 * attestations; with N = 65536 that is 16 committees of 128 per slot: 128 committee aggregates,
 * 16384 attesters; plus a full sync aggregate, RANDAO reveal and proposer signature, all real).
 *
 * <p>Output in {@code <dir>}: {@code pre.ssz} (the genesis state advanced to slot 8, the block's
 * parent slot, and hashed), {@code block.ssz} (the signed block), {@code config.json} (preset and
 * the chain-config overrides for Lodestar: all forks at epoch 0).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.edvt.benchmarks.BlockBenchData 65536 benchmarks/lodestar/out/block-65536</pre>
 */
public final class BlockBenchData {
  static final Map<String, String> FORKS_AT_ZERO = Map.of(
      "ALTAIR_FORK_EPOCH", "0", "BELLATRIX_FORK_EPOCH", "0", "CAPELLA_FORK_EPOCH", "0",
      "DENEB_FORK_EPOCH", "0", "ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "0");
  static final long BLOCK_SLOT = 9;

  private BlockBenchData() {}

  static SpecFulu spec() {
    SpecConfig config = SpecConfigLoader.load("mainnet", FORKS_AT_ZERO);
    return new SpecFulu(config);
  }

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 65536;
    Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/lodestar/out/block-" + n);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    SpecFulu spec = spec();
    ChainBuilder chain = ChainBuilder.interop(spec, n);
    System.err.printf("genesis with %d validators in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(BLOCK_SLOT), BlockOptions.none());
    System.err.printf("block produced in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    MutableBeaconState pre = new MutableBeaconState(chain.headState());
    spec.stateTransition().processSlots(pre, UInt64.valueOf(BLOCK_SLOT - 1));
    BeaconState preState = pre.commit();
    preState.hash();
    // check it: the full state_transition with every signature, as the benchmark runs it
    BeaconState post = BlockBenchmark.transition(spec, preState, block);
    if (!post.hashTreeRoot().equals(block.message().stateRoot())) {
      throw new IllegalStateException("post-state root differs from the block's state_root");
    }
    int committees = 0;
    int attesters = 0;
    for (Attestation a : block.message().body().attestations()) {
      committees += a.committeeBits().count();
      attesters += a.aggregationBits().count();
    }
    Files.write(dir.resolve("pre.ssz"), preState.serialize());
    Files.write(dir.resolve("block.ssz"), block.serialize());
    StringBuilder cfg = new StringBuilder("{\"preset\": \"mainnet\", \"config\": {");
    String sep = "";
    for (var e : new java.util.TreeMap<>(FORKS_AT_ZERO).entrySet()) {
      cfg.append(sep).append('"').append(e.getKey()).append("\": \"").append(e.getValue()).append('"');
      sep = ", ";
    }
    cfg.append("}}\n");
    Files.writeString(dir.resolve("config.json"), cfg);
    System.out.printf("{\"validators\": %d, \"slot\": %d, \"attestations\": %d, \"committeeAggregates\": %d, \"attesters\": %d, \"blockRoot\": \"%s\", \"dir\": \"%s\", \"seconds\": %.1f}%n",
        n, BLOCK_SLOT, block.message().body().attestations().size(), committees, attesters,
        block.message().hashTreeRoot(), dir, (System.nanoTime() - t0) / 1e9);
  }
}
