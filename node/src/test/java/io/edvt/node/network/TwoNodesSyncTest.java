package io.edvt.node.network;

import static io.edvt.node.network.NetworkTestNode.VERSIONS;
import static io.edvt.node.network.NetworkTestNode.await;
import static io.edvt.node.network.NetworkTestNode.blockAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.sync.SyncOptions;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real nodes on loopback (libp2p over TCP with noise and yamux, req/resp, gossipsub), each with its
 * own chain and in-memory storage, on one real signed chain that crosses from Fulu into EDVT at
 * epoch 2 (minimal preset, 8 slots an epoch) and finalizes: every block imported by a node passed
 * the full state transition with BLS.
 */
@Timeout(120)
class TwoNodesSyncTest {
  private static final long A_HEAD_SLOT = 40;
  private static final SyncOptions SYNC = SyncOptions.defaults().withBatchSlots(8);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  private NetworkTestNode node(List<Multiaddr> statics) {
    NetworkTestNode n = new NetworkTestNode(statics, SYNC);
    closing.add(n);
    return n;
  }

  private static Bytes32 root(SignedBeaconBlock b) {
    return b.message().hashTreeRoot();
  }

  @Test
  void aFreshNodeRangeSyncsAcrossTheForkThenFollowsGossipAndFetchesAMissingParentByRoot() {
    NetworkTestNode a = node(List.of());
    a.importUpTo(A_HEAD_SLOT);
    NetworkTestNode b = node(List.of(a.network.address()));

    await("B reaches A's head at slot 40", 45, () -> b.chain.head().root().equals(a.chain.head().root()));
    assertThat(b.chain.head().slot()).isEqualTo(A_HEAD_SLOT);
    // both forks' blocks arrived with their own types, and B's finality followed the chain's
    SignedBeaconBlock fulu = b.storage.block(root(blockAt(10))).orElseThrow();
    SignedBeaconBlock edvt = b.storage.block(root(blockAt(20))).orElseThrow();
    assertThat(SignedBeaconBlockEdvt.toVersionEdvt(fulu)).isEmpty();
    assertThat(SignedBeaconBlockEdvt.toVersionEdvt(edvt)).isPresent();
    assertThat(b.storage.finalizedCheckpoint()).isEqualTo(a.storage.finalizedCheckpoint());
    assertThat(b.storage.finalizedCheckpoint().epoch().longValue()).isGreaterThan(ForkCrossingChain.FORK_EPOCH);
    await("sync status settles", 10, () -> !b.sync.status().syncing());
    assertThat(b.sync.status().distance()).isZero();
    assertThat(b.sync.status().headSlot()).isEqualTo(A_HEAD_SLOT);

    // epoch 6: two epochs past the fork, so only EDVT's topics, its group topics included
    ForkDigests digests = b.network.digests();
    String edvtDigest = ForkDigests.hex(digests.digestAt(UInt64.valueOf(ForkCrossingChain.FORK_EPOCH)));
    String fuluDigest = ForkDigests.hex(digests.digestAt(UInt64.ZERO));
    assertThat(b.network.subscriptions().topics()).allMatch(t -> t.contains(edvtDigest)).noneMatch(t -> t.contains(fuluDigest))
        .contains(GossipTopics.topic(digests.digestAt(UInt64.valueOf(2)), GossipTopics.GROUP_REGISTRATION));

    // gossip: A publishes block 41, B imports it
    String blockTopic = GossipTopics.topic(digests.digestAtSlot(UInt64.valueOf(41)), GossipTopics.BEACON_BLOCK);
    await("A sees B on the block topic", 15,
        () -> a.network.gossip().topicPeers(blockTopic).join().contains(b.network.peerId()));
    assertThat(a.network.publisher().publishBlock(blockAt(41)).join()).isInstanceOf(ImportResult.Imported.class);
    await("B imports block 41 from gossip", 15, () -> b.chain.head().root().equals(root(blockAt(41))));

    // A imports 42 without publishing it, then publishes 43: B must fetch 42 by root
    assertThat(a.importNow(blockAt(42))).isInstanceOf(ImportResult.Imported.class);
    assertThat(a.network.publisher().publishBlock(blockAt(43)).join()).isInstanceOf(ImportResult.Imported.class);
    await("B fetches parent 42 by root and imports 43", 20, () -> b.chain.head().root().equals(root(blockAt(43))));
    assertThat(b.storage.block(root(blockAt(42)))).isPresent();
  }

  @Test
  void aPeerServingAnInvalidBatchIsBannedAndSyncCompletesFromAnotherPeer() throws Exception {
    NetworkTestNode a = node(List.of());
    a.importUpTo(A_HEAD_SLOT);
    AtomicInteger badRequests = new AtomicInteger();
    // the same chain as A's, but every block after slot 2 carries another block's signature
    ChainDataSource honest = new StorageChainData(a.network.digests(), a.storage, a.chain, a.clock,
        new LocalMetadata(VERSIONS.config().attestationSubnetCount(), java.util.Set.of(), 4), new PeerChainStatuses());
    Bytes wrongSignature = blockAt(1).signature();
    ChainDataSource tampering = new DelegatingChainData(honest) {
      @Override
      public Stream<SignedBeaconBlock> blocksByRange(UInt64 startSlot, long count) {
        badRequests.incrementAndGet();
        return honest.blocksByRange(startSlot, count).map(blk -> blk.message().slot().longValue() <= 2 ? blk
            : SignedBeaconBlock.create(VERSIONS.forSlot(blk.message().slot()).schemas().signedBeaconBlock(),
                blk.message(), wrongSignature));
      }
    };
    RawPeer bad = raw(a.network.digests(), tampering);
    NetworkTestNode b = node(List.of(bad.address()));

    await("B asks the bad peer for a batch", 20, () -> badRequests.get() > 0);
    await("B bans the bad peer", 20, () -> b.network.peers().isBanned(bad.host().peerId()));
    assertThat(b.chain.head().slot()).isLessThan(A_HEAD_SLOT);
    b.network.host().dial(a.network.address()).get(5, TimeUnit.SECONDS);
    await("B completes the sync from A", 45, () -> b.chain.head().root().equals(a.chain.head().root()));
    assertThat(b.network.statuses().ready()).extracting(PeerChainStatuses.ReadyPeer::id)
        .containsExactly(a.network.peerId());
    assertThat(b.storage.block(root(blockAt(20))).orElseThrow().signature()).isEqualTo(blockAt(20).signature());
  }

  @Test
  void aPeerOnAnotherForkDigestIsToldGoodbyeWithIrrelevantNetwork() throws Exception {
    NetworkTestNode b = node(List.of());
    ChainDataSource own = new StorageChainData(b.network.digests(), b.storage, b.chain, b.clock,
        new LocalMetadata(VERSIONS.config().attestationSubnetCount(), java.util.Set.of(), 4), new PeerChainStatuses());
    List<UInt64> goodbyes = new CopyOnWriteArrayList<>();
    ChainDataSource otherNetwork = new DelegatingChainData(own) {
      @Override
      public StatusMessage status() {
        StatusMessage s = own.status();
        return StatusMessage.v2(Bytes.fromHexString("0x01020304"), s.finalizedRoot(), s.finalizedEpoch(), s.headRoot(),
            s.headSlot(), s.earliestAvailableSlot().orElse(UInt64.ZERO));
      }

      @Override
      public void onGoodbye(PeerId peer, UInt64 reason) {
        goodbyes.add(reason);
      }
    };
    RawPeer other = raw(b.network.digests(), otherNetwork);
    b.network.host().dial(other.address()).get(5, TimeUnit.SECONDS);
    await("the other network's peer hears goodbye", 15, () -> !goodbyes.isEmpty());
    assertThat(goodbyes).containsExactly(io.edvt.networking.eth2.rpc.GoodbyeReason.IRRELEVANT_NETWORK);
    await("the connection is closed", 10, () -> b.network.host().connections(other.host().peerId()).isEmpty());
    assertThat(b.network.statuses().ready()).isEmpty();
  }

  private RawPeer raw(ForkDigests digests, ChainDataSource data) throws Exception {
    RawPeer peer = RawPeer.start(digests, data);
    closing.add(peer);
    return peer;
  }
}
