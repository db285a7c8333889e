package io.edvt.node.bench;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The input of the node benchmarks: an interop genesis of N validators, mainnet preset, every fork
 * up to Fulu at epoch 0 (EDVT not scheduled), and the full block at slot 9 on it, made by
 * {@link ChainBuilder} as {@code benchmarks}' {@code BlockBenchData} makes it: 8 attestations, each
 * aggregating every committee of one of slots 1..8, a full sync aggregate, every signature real.
 * Written once to {@code <dir>/{genesis,block}.ssz} (about a minute at 100k) and read from there
 * on later runs.
 */
final class FullBlockChain {
  static final Map<String, String> FORKS_AT_ZERO = Map.of(
      "ALTAIR_FORK_EPOCH", "0", "BELLATRIX_FORK_EPOCH", "0", "CAPELLA_FORK_EPOCH", "0",
      "DENEB_FORK_EPOCH", "0", "ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "0");
  static final long BLOCK_SLOT = 9;

  final SpecVersions versions;
  final BeaconState genesis;
  final SignedBeaconBlock block;
  final byte[] blockSsz;

  private FullBlockChain(SpecVersions versions, BeaconState genesis, SignedBeaconBlock block, byte[] blockSsz) {
    this.versions = versions;
    this.genesis = genesis;
    this.block = block;
    this.blockSsz = blockSsz;
  }

  static SpecVersions versions() {
    return new SpecVersions(EdvtConfig.load("mainnet", FORKS_AT_ZERO));
  }

  /** The chain of {@code validators} validators, read from {@code dir} or made and written there. */
  static FullBlockChain load(int validators, Path dir) throws IOException {
    SpecVersions versions = versions();
    Path genesisFile = dir.resolve("genesis.ssz");
    Path blockFile = dir.resolve("block.ssz");
    if (!Files.isRegularFile(genesisFile) || !Files.isRegularFile(blockFile)) {
      long t0 = System.nanoTime();
      ChainBuilder chain = ChainBuilder.interop(versions.fulu(), validators);
      SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(BLOCK_SLOT), BlockOptions.none());
      Files.createDirectories(dir);
      Files.write(genesisFile, chain.headState().serialize());
      Files.write(blockFile, block.serialize());
      System.out.printf("wrote %s and %s in %.1f s%n", genesisFile, blockFile, (System.nanoTime() - t0) / 1e9);
    }
    BeaconState genesis = versions.fulu().schemas().beaconState().deserialize(Files.readAllBytes(genesisFile));
    if (genesis.validators().size() != validators) {
      throw new IllegalStateException(genesisFile + " has " + genesis.validators().size() + " validators, not " + validators
          + ": delete " + dir + " to write it again");
    }
    genesis.hash();
    byte[] blockSsz = Files.readAllBytes(blockFile);
    SignedBeaconBlock block = versions.fulu().schemas().signedBeaconBlock().deserialize(blockSsz);
    return new FullBlockChain(versions, genesis, block, blockSsz);
  }

  /**
   * Every validator's key decompressed and KeyValidated, as a running node has them once its
   * blocks have used them. The node does not call {@code PubkeyIndex.warmUp} at start (no caller in
   * {@code node/src/main}), so after a restart its first full block pays for the keys:
   * {@code benchmarks/README.md}, BlockBenchmark's first-block rows.
   */
  static PubkeyIndex warmKeys(BeaconState state) {
    MutableBeaconState view = new MutableBeaconState(state);
    PubkeyIndex index = PubkeyIndex.of(view);
    index.warmUp(view, java.util.concurrent.ForkJoinPool.commonPool(), 2).join();
    return index;
  }

  int attesters() {
    return block.message().body().attestations().stream().mapToInt(a -> a.aggregationBits().count()).sum();
  }

  int committeeAggregates() {
    return block.message().body().attestations().stream().mapToInt(a -> a.committeeBits().count()).sum();
  }
}
