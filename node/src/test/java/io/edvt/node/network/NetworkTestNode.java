package io.edvt.node.network;

import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.sync.Sync;
import io.edvt.node.sync.SyncOptions;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * One beacon node's chain, network and sync as the node root will wire them, on the
 * {@link ForkCrossingChain} network (genesis at time 0, the clock fixed in the chain's last slot),
 * in-memory storage, listening on loopback.
 */
final class NetworkTestNode implements AutoCloseable {
  static final ForkCrossingChain CHAIN = ForkCrossingChain.get();
  static final SpecVersions VERSIONS = CHAIN.versions;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The clock every node reads: the middle of the chain's last slot. */
  static final InstantSource TIME = InstantSource.fixed(Instant.ofEpochMilli(
      ForkCrossingChain.LAST_SLOT * VERSIONS.config().slotDurationMs() + 500));

  final ChainStorage storage;
  final Chain chain;
  final SlotClock clock;
  final AttestationPool attestations = AttestationPool.create();
  final OperationPool operations = new OperationPool(VERSIONS, 1000);
  final NodeNetwork network;
  final Sync sync;

  NetworkTestNode(List<Multiaddr> staticPeers, SyncOptions syncOptions) {
    this(Anchor.genesis(VERSIONS, CHAIN.genesis), staticPeers, syncOptions);
  }

  NetworkTestNode(Anchor anchor, List<Multiaddr> staticPeers, SyncOptions syncOptions) {
    this(anchor, staticPeers, syncOptions, TIME, UnaryOperator.identity());
  }

  /** A node from genesis reading {@code time}, its network options changed by {@code options}. */
  NetworkTestNode(List<Multiaddr> staticPeers, InstantSource time, UnaryOperator<NodeNetworkOptions> options) {
    this(Anchor.genesis(VERSIONS, CHAIN.genesis), staticPeers, SyncOptions.defaults(), time, options);
  }

  NetworkTestNode(Anchor anchor, List<Multiaddr> staticPeers, SyncOptions syncOptions, InstantSource time,
      UnaryOperator<NodeNetworkOptions> options) {
    storage = InMemoryChainStorage.create(VERSIONS, StorageOptions.defaults(StorageMode.PRUNE, VERSIONS.config()), anchor);
    clock = new SlotClock(0, VERSIONS.config().slotDurationMs(), VERSIONS.config().slotsPerEpoch(), time);
    chain = ChainLoader.load(VERSIONS, storage, new ValidEngine(), clock, ChainOptions.defaults());
    NodeNetworkOptions config = options.apply(NodeNetworkOptions.defaults(Secp256k1PrivateKey.generate(RANDOM))
        .withListen("127.0.0.1", 0).withPeers(List.of(), staticPeers).withPeerBounds(4, 8)
        .withSubnets(true, false));
    network = NodeNetwork.start(config, VERSIONS, chain, storage, clock, new AttestationIntake(VERSIONS, attestations, chain),
        operations);
    sync = Sync.start(network, chain, syncOptions);
  }

  /** Imports the fixture's blocks up to {@code lastSlot} straight into the chain. */
  void importUpTo(long lastSlot) {
    for (SignedBeaconBlock b : CHAIN.blocks) {
      if (b.message().slot().longValue() <= lastSlot) {
        ImportResult r = importNow(b);
        if (!(r instanceof ImportResult.Imported) && !(r instanceof ImportResult.AlreadyKnown)) {
          throw new AssertionError("fixture block at slot " + b.message().slot() + ": " + r);
        }
      }
    }
  }

  ImportResult importNow(SignedBeaconBlock b) {
    try {
      return chain.importer().importBlock(b, BlockSource.RPC).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static SignedBeaconBlock blockAt(long slot) {
    int i = CHAIN.indexAtSlot(slot);
    if (i < 0) {
      throw new IllegalArgumentException("no fixture block at slot " + slot);
    }
    return CHAIN.blocks.get(i);
  }

  static void await(String what, long seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    sync.close();
    network.close();
    chain.close();
  }
}
