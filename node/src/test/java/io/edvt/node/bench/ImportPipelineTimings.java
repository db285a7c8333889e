package io.edvt.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.GossipValidation;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.gossip.GossipMessage;
import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.gossip.ValidationResult;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerReports;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.network.ForkChoiceChainView;
import io.edvt.node.network.GossipBlockHandler;
import io.edvt.node.network.GossipPayloads;
import io.edvt.node.network.ValidEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.rocksdb.RocksDbChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's first node benchmark (a timed run, not a test of speed: it asserts only that every
 * path imported the block and reached the block's state root): one full mainnet-preset block at
 * {@code edvt.bench.validators} validators (100,000 by default; {@link FullBlockChain}) through
 *
 * <ul>
 *   <li><b>bare</b>: {@code state_transition(parent, block, True)} with every signature in one
 *       batch, on the decoded block: the anchor;
 *   <li><b>import</b>: {@code BlockImporter.importBlock} of the decoded block: chain thread, the
 *       transition, the engine's (always VALID) verdict, fork choice {@code on_block} and the
 *       block's attestations, one RocksDB write (block, head), head update;
 *   <li><b>gossip</b>: the whole path of a {@code beacon_block} gossip message,
 *       {@code GossipBlockHandler.validate}: snappy and SSZ decoding, the gossip rules (proposer
 *       signature, proposer index against the head state), then the import above.
 * </ul>
 *
 * Each round starts a fresh chain for each pipeline (a new RocksDB in a temp folder holding the
 * genesis anchor: untimed), puts the shared warm {@link PubkeyIndex} on the parent state and runs
 * one untimed bare transition on that same state object (so the caches a running node's head state
 * has are there for every variant alike), then times the three in rotating order. Rounds after the
 * warm-up are summarised as medians and per-round ratios against bare.
 *
 * <pre>/work/bin/m -pl node -am test -Dtest=ImportPipelineTimings -Dedvt.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * (or {@code ./edvt test -pl node -am -Dtest=...}); the summary goes to stdout and to
 * {@code node/target/bench/import-pipeline.txt}.
 */
@EnabledIfSystemProperty(named = "edvt.bench", matches = "true")
class ImportPipelineTimings {
  private static final int WARMUP_ROUNDS = Integer.getInteger("edvt.bench.warmup", 3);
  private static final int ROUNDS = Integer.getInteger("edvt.bench.rounds", 12);

  @TempDir Path tmp;

  private FullBlockChain data;
  private PubkeyIndex keys;
  private SlotClock clock;
  private int dbs;

  @Test
  void timesTheImportPipelineAgainstTheBareTransition() throws Exception {
    int validators = Integer.getInteger("edvt.bench.validators", 100_000);
    data = FullBlockChain.load(validators, Path.of("target/bench/full-block-" + validators));
    keys = FullBlockChain.warmKeys(data.genesis);
    SpecVersions versions = data.versions;
    long genesisTime = data.genesis.genesisTime().longValue();
    // a second into the block's slot, fixed: the import's on_tick and the gossip rules see the same time in every round
    long now = (genesisTime * 1000) + FullBlockChain.BLOCK_SLOT * versions.config().slotDurationMs() + 1000;
    clock = SlotClock.of(versions.config(), data.genesis.genesisTime(), InstantSource.fixed(Instant.ofEpochMilli(now)));
    Bytes32 root = data.block.message().hashTreeRoot();
    Bytes32 stateRoot = data.block.message().stateRoot();
    ForkDigests digests = new ForkDigests(versions, data.genesis.genesisValidatorsRoot());
    String topic = GossipTopics.topic(digests.digestAtSlot(data.block.message().slot()), GossipTopics.BEACON_BLOCK);
    byte[] gossipData = GossipPayloads.compress(data.blockSsz);
    PeerId sender = PeerId.fromPublicKey(Secp256k1PrivateKey.generate(new SecureRandom()).publicKey());
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    List<double[]> rounds = new ArrayList<>(); // ms: bare, import, gossip
    StringBuilder log = new StringBuilder();
    for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      double[] ms = new double[3];
      double[] steps;
      try (Started forImport = start(); Started forGossip = start(); Started forSteps = start()) {
        BeaconState parent = forImport.parent;
        for (int k = 0; k < 3; k++) {
          int which = (round + k) % 3;
          long t0 = System.nanoTime();
          switch (which) {
            case 0 -> {
              BeaconState post = versions.forSlot(data.block.message().slot()).stateTransition()
                  .stateTransition(parent, data.block, true, new SignatureVerifier.Batch(), ExecutionEngine.always(true));
              ms[0] = millis(t0);
              assertThat(post.hashTreeRoot()).isEqualTo(stateRoot);
            }
            case 1 -> {
              ImportResult result = forImport.chain.importer().importBlock(data.block, BlockSource.GOSSIP).get(60, TimeUnit.SECONDS);
              ms[1] = millis(t0);
              assertThat(result).isInstanceOf(ImportResult.Imported.class);
              assertThat(forImport.chain.head().root()).isEqualTo(root);
            }
            default -> {
              GossipBlockHandler handler = forGossip.gossipHandler(digests, workers);
              GossipMessage message = new GossipMessage(topic, gossipData, MessageId.wrap(new byte[20]), sender);
              ValidationResult verdict = handler.validate(message).get(60, TimeUnit.SECONDS);
              ms[2] = millis(t0);
              assertThat(verdict).isEqualTo(ValidationResult.ACCEPT);
              assertThat(forGossip.chain.head().root()).isEqualTo(root);
              assertThat(forGossip.storage.block(root)).isPresent();
            }
          }
        }
        steps = forSteps.steps(data.block, root);
      }
      String line = String.format("round %d%s: bare %.1f ms, import %.1f ms, gossip %.1f ms; import's steps: transition %.1f, "
          + "on_block %.1f, on_attestation x%d %.1f, storage write %.1f ms (load %s)%n", round,
          round < WARMUP_ROUNDS ? " (warm-up)" : "", ms[0], ms[1], ms[2], steps[0], steps[1],
          data.block.message().body().attestations().size(), steps[2], steps[3], loadAverage());
      System.out.print(line);
      log.append(line);
      if (round >= WARMUP_ROUNDS) {
        double[] row = Arrays.copyOf(ms, 7);
        System.arraycopy(steps, 0, row, 3, 4);
        rounds.add(row);
      }
    }
    workers.close();
    String summary = log + summary(validators, rounds);
    System.out.println(summary);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/import-pipeline.txt"), summary);
  }

  private String summary(int validators, List<double[]> rounds) {
    double[] bare = column(rounds, 0);
    double[] imp = column(rounds, 1);
    double[] gossip = column(rounds, 2);
    double[] importRatio = rounds.stream().mapToDouble(r -> r[1] / r[0]).toArray();
    double[] gossipRatio = rounds.stream().mapToDouble(r -> r[2] / r[0]).toArray();
    return String.format("""
        full block at %,d validators (mainnet preset, Fulu, slot %d: %d attestations, %d committee aggregates, %d attesters), %d rounds after %d warm-up
        bare state_transition: median %.1f ms (%.1f-%.1f)
        import (BlockImporter): median %.1f ms (%.1f-%.1f); per-round ratio to bare: median %.2fx (%.2f-%.2f)
        gossip (decode, gossip rules, import): median %.1f ms (%.1f-%.1f); per-round ratio to bare: median %.2fx (%.2f-%.2f)
        import's steps, medians: transition %.1f ms, on_block %.1f ms, on_attestation of the block's attestations %.1f ms, storage write %.1f ms
        load average at the end: %s
        """, validators, FullBlockChain.BLOCK_SLOT, data.block.message().body().attestations().size(), data.committeeAggregates(),
        data.attesters(), rounds.size(), WARMUP_ROUNDS,
        median(bare), min(bare), max(bare),
        median(imp), min(imp), max(imp), median(importRatio), min(importRatio), max(importRatio),
        median(gossip), min(gossip), max(gossip), median(gossipRatio), min(gossipRatio), max(gossipRatio),
        median(column(rounds, 3)), median(column(rounds, 4)), median(column(rounds, 5)), median(column(rounds, 6)),
        loadAverage());
  }

  /** A fresh chain on a fresh RocksDB holding the genesis anchor. */
  private Started start() {
    Path dir = tmp.resolve("db-" + dbs++);
    SpecVersions versions = data.versions;
    Anchor anchor = Anchor.genesis(versions, data.genesis);
    ChainStorage storage = RocksDbChainStorage.open(dir, versions, NetworkIdentity.of(data.genesis),
        StorageOptions.defaults(StorageMode.PRUNE, versions.config()), () -> anchor);
    Chain chain = ChainLoader.load(versions, storage, new ValidEngine(), clock, ChainOptions.defaults());
    return new Started(dir, storage, chain, warmParent(chain));
  }

  /**
   * The block's parent state object in {@code chain}'s fork choice with the shared warm keys, its
   * other caches filled by one untimed transition of the block (as a running node's head state has
   * them from validating and importing its blocks).
   */
  private BeaconState warmParent(Chain chain) {
    SignedBeaconBlock block = data.block;
    BeaconState state = chain.readForkChoice(f -> f.block(block.message().parentRoot()).state()).join();
    state.caches().put(PubkeyIndex.class, keys);
    data.versions.forSlot(block.message().slot()).stateTransition()
        .stateTransition(state, block, true, new SignatureVerifier.Batch(), ExecutionEngine.always(true));
    return state;
  }

  private final class Started implements AutoCloseable {
    final Path dir;
    final ChainStorage storage;
    final Chain chain;
    final BeaconState parent;

    Started(Path dir, ChainStorage storage, Chain chain, BeaconState parent) {
      this.dir = dir;
      this.storage = storage;
      this.chain = chain;
      this.parent = parent;
    }

    /**
     * The import's main steps one by one, with the calls {@code BlockImporter} and
     * {@code ChainCommitter} make, on the chain thread (ms): the transition, {@code on_block}, the
     * block's attestations into fork choice, and the storage write of the block and head. Only to
     * see where the import's time goes; the pipeline figures come from the real importer.
     */
    double[] steps(SignedBeaconBlock block, Bytes32 root) {
      return chain.readForkChoice(f -> {
        double[] t = new double[4];
        f.onTick(clock.nowSeconds().max(f.time()));
        long t0 = System.nanoTime();
        BeaconState post = f.stateTransition(parent, block, new SignatureVerifier.Batch(), ExecutionEngine.always(true));
        t[0] = millis(t0);
        t0 = System.nanoTime();
        f.onBlock(block, post);
        t[1] = millis(t0);
        t0 = System.nanoTime();
        block.message().body().attestations().forEach(a -> f.onAttestation(a, true));
        t[2] = millis(t0);
        t0 = System.nanoTime();
        storage.update().putBlock(block).setHead(root).commit();
        t[3] = millis(t0);
        return t;
      }).join();
    }

    GossipBlockHandler gossipHandler(ForkDigests digests, ExecutorService workers) {
      ForkChoiceChainView view = new ForkChoiceChainView(chain);
      GossipValidation validation = new GossipValidation(digests, new GossipContext(data.versions, view, new SeenCaches()));
      return new GossipBlockHandler(new GossipPayloads(digests), validation, view, chain.importer(), clock, NO_REPORTS, workers);
    }

    @Override
    public void close() throws IOException {
      chain.close();
      storage.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static final PeerReports NO_REPORTS = new PeerReports() {
    @Override
    public void report(PeerId peer, PeerAction action, String reason) {
      throw new AssertionError("the benchmark block was reported: " + reason);
    }

    @Override
    public void gossipScore(PeerId peer, double score) {}
  };

  static double millis(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  static double[] column(List<double[]> rows, int i) {
    return rows.stream().mapToDouble(r -> r[i]).toArray();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
