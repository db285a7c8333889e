package io.edvt.node.storage.rocksdb;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Vectors;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.TestBlocks;
import io.edvt.node.storage.kv.ValueCodec;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SpecConstants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timed run of the RocksDB store (not a benchmark harness, and no assertion on time): writes and
 * reads of a mainnet-preset Fulu state with {@code edvt.storage.timings.validators} validators
 * (100,000 by default; synthetic: random keys, credentials and history roots, so nothing
 * compresses better than a real state would) and of chains of mainnet blocks (the three
 * {@code mainnet/fulu/ssz_static/SignedBeaconBlock} cases, re-linked into a chain). Prints the
 * median of each measurement. Run with
 * {@code nice -n 10 ./edvt test -pl node -Dtest=StorageTimings -Dedvt.storage.timings=true}; the
 * numbers are in {@code node/README.md (Storage)}.
 */
@EnabledIfSystemProperty(named = "edvt.storage.timings", matches = "true")
class StorageTimings {
  private static final int STATES = 8;
  private static final int BLOCKS = 2000;

  @TempDir Path tmp;

  @Test
  void timesStatesAndBlocks() throws Exception {
    int validators = Integer.getInteger("edvt.storage.timings.validators", 100_000);
    SpecVersions versions = new SpecVersions(EdvtConfig.load("mainnet"));
    long t0 = System.nanoTime();
    BeaconState genesis = syntheticState(versions, validators);
    Bytes32 genesisRoot = genesis.hashTreeRoot();
    System.out.printf("state: mainnet Fulu, %,d validators, %,d bytes of SSZ (built and hashed in %d ms)%n", validators,
        genesis.serialize().length, ms(t0));

    Anchor anchor = Anchor.genesis(versions, genesis);
    StorageOptions options = new StorageOptions(StorageMode.ARCHIVE, 2048, 0);
    Path dir = tmp.resolve("db");
    NetworkIdentity network = NetworkIdentity.of(genesis);
    ChainStorage store = RocksDbChainStorage.open(dir, versions, network, options, () -> anchor);

    // states of the anchor block advanced through empty slots: distinct values, roots computed beforehand (as a node has them)
    BeaconBlockHeader header = genesis.latestBlockHeader().withStateRoot(genesisRoot);
    List<BeaconState> states = new ArrayList<>();
    for (int i = 1; i <= STATES; i++) {
      BeaconState s = genesis.withSlot(UInt64.valueOf(i)).withLatestBlockHeader(header);
      s.hashTreeRoot();
      states.add(s);
    }
    ValueCodec codec = new ValueCodec(versions);
    long[] encode = new long[STATES];
    long[] write = new long[STATES];
    for (int i = 0; i < STATES; i++) {
      long t = System.nanoTime();
      codec.encodeState(states.get(i));
      encode[i] = System.nanoTime() - t;
      t = System.nanoTime();
      store.update().putState(states.get(i)).commit();
      write[i] = System.nanoTime() - t;
    }
    long tFlush = System.nanoTime();
    flush(store, dir, versions, network, options);
    long flushMs = ms(tFlush);
    store = RocksDbChainStorage.open(dir, versions, network, options, () -> anchor);
    long[] read = new long[STATES];
    long[] decode = new long[STATES];
    for (int i = 0; i < STATES; i++) {
      long t = System.nanoTime();
      BeaconState s = store.state(states.get(i).hashTreeRoot()).orElseThrow();
      read[i] = System.nanoTime() - t;
      byte[] bytes = codec.encodeState(s);
      t = System.nanoTime();
      codec.decodeState(bytes);
      decode[i] = System.nanoTime() - t;
    }
    Map<String, Long> sizes = store.sizes();
    System.out.printf("state write (encode + commit, not synced): median %.1f ms (SSZ encode alone %.1f ms); flush of %d states %d ms%n",
        median(write), median(encode), STATES, flushMs);
    System.out.printf("state read after a restart (get + decode): median %.1f ms (SSZ decode alone %.1f ms)%n", median(read),
        median(decode));
    System.out.printf("states on disk: %,d bytes for %d states + the anchor's (%,d per state)%n", sizes.get("states"), STATES,
        sizes.get("states") / (STATES + 1));

    // blocks: a chain of mainnet blocks, one update per block (block, head), as an importer writes them
    List<SignedBeaconBlock> templates = mainnetBlocks(versions);
    List<SignedBeaconBlock> chain = new ArrayList<>();
    Bytes32 parent = anchor.finalized().root();
    for (int i = 0; i < BLOCKS; i++) {
      SignedBeaconBlock template = templates.get(i % templates.size());
      SignedBeaconBlock block = TestBlocks.withMessage(template,
          template.message().withSlot(UInt64.valueOf(STATES + 1 + i)).withParentRoot(parent));
      chain.add(block);
      parent = block.message().hashTreeRoot();
    }
    long blockBytes = chain.stream().mapToLong(b -> b.serialize().length).sum();
    long[] blockWrite = new long[BLOCKS];
    for (int i = 0; i < BLOCKS; i++) {
      SignedBeaconBlock block = chain.get(i);
      long t = System.nanoTime();
      store.update().putBlock(block).setHead(TestBlocks.root(block)).commit();
      blockWrite[i] = System.nanoTime() - t;
    }
    flush(store, dir, versions, network, options);
    store = RocksDbChainStorage.open(dir, versions, network, options, () -> anchor);
    long[] blockRead = new long[BLOCKS];
    for (int i = 0; i < BLOCKS; i++) {
      long t = System.nanoTime();
      store.block(TestBlocks.root(chain.get(i))).orElseThrow();
      blockRead[i] = System.nanoTime() - t;
    }
    int ranges = BLOCKS / 64;
    long[] range = new long[ranges];
    for (int i = 0; i < ranges; i++) {
      long t = System.nanoTime();
      int n = store.canonicalBlocks(UInt64.valueOf(STATES + 1 + 64L * i), 64).size();
      range[i] = System.nanoTime() - t;
      if (n != 64) {
        throw new AssertionError("range " + i + " has " + n + " blocks");
      }
    }
    long tHot = System.nanoTime();
    int hot = store.hotBlocks().size();
    long hotMs = ms(tHot);
    sizes = store.sizes();
    store.close();
    System.out.printf("blocks: %d mainnet blocks, %,d bytes on average%n", BLOCKS, blockBytes / BLOCKS);
    System.out.printf("block write (block + head, one update each, not synced): median %.3f ms%n", median(blockWrite));
    System.out.printf("block read by root after a restart: median %.3f ms; 64 canonical blocks by range: median %.2f ms%n",
        median(blockRead), median(range));
    System.out.printf("hot blocks since finalization (%d, slot order): %d ms; blocks on disk %,d bytes%n", hot, hotMs, sizes.get("blocks"));
    System.out.println("sizes: " + sizes);
  }

  /** Closes, flushes the memtables into files, so reads come from files as after a restart. */
  private static void flush(ChainStorage store, Path dir, SpecVersions versions, NetworkIdentity network, StorageOptions options)
      throws Exception {
    store.close();
    try (RocksDbKvStore raw = RocksDbKvStore.open(dir, RocksDbKvStore.listFamilies(dir), RocksDbKvStore.Access.READ_WRITE)) {
      raw.flush();
    }
  }

  private static List<SignedBeaconBlock> mainnetBlocks(SpecVersions versions) throws Exception {
    Path dir = Vectors.fulu("mainnet").resolve("ssz_static/SignedBeaconBlock/ssz_random");
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    try (Stream<Path> cases = Files.list(dir)) {
      for (Path c : cases.sorted().toList()) {
        blocks.add(versions.fulu().schemas().signedBeaconBlock().deserialize(Vectors.ssz(c.resolve("serialized.ssz_snappy"))));
      }
    }
    return blocks;
  }

  /**
   * A mainnet Fulu genesis-like state (its latest block header is a genesis block's) with
   * {@code validators} active validators of random keys and credentials, 32 ETH each, and random
   * block, state and RANDAO roots.
   */
  static BeaconState syntheticState(SpecVersions versions, int validators) {
    Random random = new Random(42);
    BeaconState empty = versions.fulu().schemas().beaconState().defaultValue();
    MutableBeaconState state = new MutableBeaconState(empty);
    UInt64 balance = UInt64.valueOf(32_000_000_000L);
    for (int i = 0; i < validators; i++) {
      state.validators().append(Validator.create(Bytes48.wrap(bytes(random, 48)), Bytes32.wrap(bytes(random, 32)), balance, false,
          UInt64.ZERO, UInt64.ZERO, SpecConstants.FAR_FUTURE_EPOCH, SpecConstants.FAR_FUTURE_EPOCH));
      state.balances().append(balance.plus(random.nextInt(1_000_000)));
      state.previousEpochParticipation().append(random.nextInt(8));
      state.currentEpochParticipation().append(random.nextInt(8));
      state.inactivityScores().append(UInt64.ZERO);
    }
    for (int i = 0; i < state.randaoMixes().size(); i++) {
      state.randaoMixes().set(i, Bytes32.wrap(bytes(random, 32)));
    }
    for (int i = 0; i < state.blockRoots().size(); i++) {
      state.blockRoots().set(i, Bytes32.wrap(bytes(random, 32)));
      state.stateRoots().set(i, Bytes32.wrap(bytes(random, 32)));
    }
    state.setLatestBlockHeader(BeaconBlockHeader.create(UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO, Bytes32.ZERO,
        versions.fulu().schemas().beaconBlockBody().defaultValue().hashTreeRoot()));
    return state.commit();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
