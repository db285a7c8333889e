package io.edvt.node.network;

import static io.edvt.node.network.NetworkTestNode.VERSIONS;
import static io.edvt.node.network.NetworkTestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.rpc.GoodbyeReason;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.node.storage.ForkCrossingChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node asks its peers for Status again at the upkeep interval (here 300 ms) and says goodbye with
 * IRRELEVANT_NETWORK to one whose Status no longer fits: a real node on loopback, the peer a bare
 * req/resp host whose Status the test changes after the handshake.
 */
@Timeout(60)
class PeerStatusRefreshTest {
  private static final PeerUpkeepIntervals FAST_STATUS = new PeerUpkeepIntervals(Duration.ofMinutes(1),
      Duration.ofMillis(300), Duration.ofSeconds(5));

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  /** A peer answering from B's own chain data, its Status passed through {@code change} (identity at first). */
  private record Changing(RawPeer peer, AtomicReference<UnaryOperator<StatusMessage>> change, List<UInt64> goodbyes,
      List<StatusMessage> statusesSeen) {}

  private Changing peerOf(NetworkTestNode b) throws Exception {
    ChainDataSource own = new StorageChainData(b.network.digests(), b.storage, b.chain, b.clock,
        new LocalMetadata(VERSIONS.config().attestationSubnetCount(), Set.of(), 4), new PeerChainStatuses());
    AtomicReference<UnaryOperator<StatusMessage>> change = new AtomicReference<>(UnaryOperator.identity());
    List<UInt64> goodbyes = new CopyOnWriteArrayList<>();
    List<StatusMessage> seen = new CopyOnWriteArrayList<>();
    ChainDataSource data = new DelegatingChainData(own) {
      @Override
      public StatusMessage status() {
        return change.get().apply(own.status());
      }

      @Override
      public void onPeerStatus(PeerId peer, StatusMessage status) {
        seen.add(status);
      }

      @Override
      public void onGoodbye(PeerId peer, UInt64 reason) {
        goodbyes.add(reason);
      }
    };
    RawPeer peer = RawPeer.start(b.network.digests(), data);
    closing.add(peer);
    return new Changing(peer, change, goodbyes, seen);
  }

  private NetworkTestNode node() {
    return node(FAST_STATUS);
  }

  private NetworkTestNode node(PeerUpkeepIntervals upkeep) {
    NetworkTestNode n = new NetworkTestNode(List.of(), NetworkTestNode.TIME, o -> o.withUpkeep(upkeep));
    closing.add(n);
    return n;
  }

  private static StatusMessage with(StatusMessage s, Bytes digest, Bytes32 finalizedRoot, UInt64 finalizedEpoch) {
    return StatusMessage.v2(digest, finalizedRoot, finalizedEpoch, s.headRoot(), s.headSlot(),
        s.earliestAvailableSlot().orElse(UInt64.ZERO));
  }

  @Test
  void aPeerThatMovesToAnotherForkDigestIsToldGoodbyeWithIrrelevantNetworkAtTheNextRefresh() throws Exception {
    NetworkTestNode b = node();
    Changing other = peerOf(b);
    b.network.host().dial(other.peer().address()).get(5, TimeUnit.SECONDS);
    await("B accepts the peer", 15, () -> b.network.statuses().ready(other.peer().host().peerId()).isPresent());
    // B keeps asking: its Status requests arrive every interval while the peer fits
    int handshake = other.statusesSeen().size();
    await("B asks for Status again", 10, () -> other.statusesSeen().size() >= handshake + 2);
    assertThat(other.goodbyes()).isEmpty();

    other.change().set(s -> with(s, Bytes.fromHexString("0x01020304"), s.finalizedRoot(), s.finalizedEpoch()));
    await("the peer hears goodbye", 15, () -> !other.goodbyes().isEmpty());
    assertThat(other.goodbyes()).containsExactly(GoodbyeReason.IRRELEVANT_NETWORK);
    await("the connection is closed", 10, () -> b.network.host().connections(other.peer().host().peerId()).isEmpty());
    assertThat(b.network.statuses().ready()).isEmpty();
  }

  @Test
  void aPeerWhoseFinalizedCheckpointLeavesOurChainIsToldGoodbyeWithIrrelevantNetwork() throws Exception {
    NetworkTestNode b = node();
    b.importUpTo(ForkCrossingChain.LAST_SLOT);
    UInt64 finalized = b.storage.finalizedCheckpoint().epoch();
    assertThat(finalized.longValue()).isGreaterThan(1);
    Changing other = peerOf(b);
    b.network.host().dial(other.peer().address()).get(5, TimeUnit.SECONDS);
    await("B accepts the peer", 15, () -> b.network.statuses().ready(other.peer().host().peerId()).isPresent());

    // the peer now claims an earlier finalized epoch whose root is not B's block there
    Optional<Bytes32> ours = new StorageChainData(b.network.digests(), b.storage, b.chain, b.clock,
        new LocalMetadata(VERSIONS.config().attestationSubnetCount(), Set.of(), 4), new PeerChainStatuses())
        .canonicalRootAtEpoch(UInt64.ONE);
    assertThat(ours).isPresent();
    Bytes32 foreign = Bytes32.repeat((byte) 0x5a);
    assertThat(foreign).isNotEqualTo(ours.get());
    other.change().set(s -> with(s, s.forkDigest(), foreign, UInt64.ONE));
    await("the peer hears goodbye", 15, () -> !other.goodbyes().isEmpty());
    assertThat(other.goodbyes()).containsExactly(GoodbyeReason.IRRELEVANT_NETWORK);
    await("the connection is closed", 10, () -> b.network.host().connections(other.peer().host().peerId()).isEmpty());
  }

  @Test
  void aStatusTheAcceptedPeerSendsOnItsOwnIsJudgedToo() throws Exception {
    // B's own refresh is minutes away: only the peer's Status can end the connection
    NetworkTestNode b = node(new PeerUpkeepIntervals(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(5)));
    Changing other = peerOf(b);
    b.network.host().dial(other.peer().address()).get(5, TimeUnit.SECONDS);
    PeerId peerId = other.peer().host().peerId();
    await("B accepts the peer", 15, () -> b.network.statuses().ready(peerId).isPresent());
    Connection toB = other.peer().host().connections(b.network.peerId()).getFirst();

    StatusMessage fits = other.peer().client().status(toB, b.network.statuses().ready(peerId).orElseThrow().status())
        .get(5, TimeUnit.SECONDS);
    assertThat(fits.forkDigest()).isEqualTo(b.network.digests().digestAt(UInt64.valueOf(b.clock.currentEpoch())));
    assertThat(b.network.statuses().ready(peerId)).isPresent();
    assertThat(other.goodbyes()).isEmpty();

    StatusMessage elsewhere = with(fits, Bytes.fromHexString("0x01020304"), fits.finalizedRoot(), fits.finalizedEpoch());
    other.peer().client().status(toB, elsewhere).get(5, TimeUnit.SECONDS);
    await("the peer hears goodbye", 15, () -> !other.goodbyes().isEmpty());
    assertThat(other.goodbyes()).containsExactly(GoodbyeReason.IRRELEVANT_NETWORK);
    await("the connection is closed", 10, () -> b.network.host().connections(peerId).isEmpty());
  }
}
