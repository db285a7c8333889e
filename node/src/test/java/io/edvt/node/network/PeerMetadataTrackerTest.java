package io.edvt.node.network;

import static io.edvt.node.network.NetworkTestNode.VERSIONS;
import static io.edvt.node.network.NetworkTestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.peers.PeerSubnets;
import io.edvt.networking.transport.api.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer's own ping tells the node its MetaData changed: the node (whose own pings are a minute
 * apart, so they play no part) asks for the new MetaData when the ping's seq_number is above the
 * one it holds, and not when it is the same. A real node on loopback; the peer a bare req/resp
 * host whose MetaData the test changes.
 */
@Timeout(60)
class PeerMetadataTrackerTest {
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  @Test
  void aPeersPingWithAHigherSeqNumberMakesTheNodeFetchItsNewMetadata() throws Exception {
    NetworkTestNode b = new NetworkTestNode(List.of(), NetworkTestNode.TIME, o -> o.withUpkeep(
        new PeerUpkeepIntervals(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(5))));
    closing.add(b);
    LocalMetadata peerMetadata = new LocalMetadata(VERSIONS.config().attestationSubnetCount(), Set.of(5), 4);
    ChainDataSource own = new StorageChainData(b.network.digests(), b.storage, b.chain, b.clock, peerMetadata,
        new PeerChainStatuses());
    AtomicInteger metadataRequests = new AtomicInteger();
    RawPeer peer = RawPeer.start(b.network.digests(), new DelegatingChainData(own) {
      @Override
      public MetadataMessage metadata() {
        metadataRequests.incrementAndGet();
        return own.metadata();
      }
    });
    closing.add(peer);
    b.network.host().dial(peer.address()).get(5, TimeUnit.SECONDS);

    await("B holds the peer's first metadata", 15,
        () -> b.network.peerMetadata().metadataOf(peer.host().peerId()).isPresent());
    assertThat(b.network.peerMetadata().metadataOf(peer.host().peerId()).orElseThrow().seqNumber()).isEqualTo(UInt64.ONE);
    assertThat(b.network.peers().subnetsOf(peer.host().peerId()).orElseThrow().attnets()).isEqualTo(bits(5));

    assertThat(metadataRequests).hasValue(1);
    Connection toB = peer.host().connections(b.network.peerId()).getFirst();
    // a ping with the seq_number B holds: nothing to fetch (B answers with its own)
    assertThat(peer.client().ping(toB, UInt64.ONE).get(5, TimeUnit.SECONDS)).isEqualTo(b.network.localMetadata().seqNumber());

    peerMetadata.update(Set.of(5, 6), Set.of(2), 4);
    UInt64 latest = peerMetadata.get().seqNumber();
    assertThat(latest).isEqualTo(UInt64.valueOf(2));
    peer.client().ping(toB, latest).get(5, TimeUnit.SECONDS);
    await("B fetches the peer's new metadata", 15, () -> b.network.peerMetadata().metadataOf(peer.host().peerId())
        .map(MetadataMessage::seqNumber).filter(latest::equals).isPresent());
    PeerSubnets now = b.network.peers().subnetsOf(peer.host().peerId()).orElseThrow();
    assertThat(now.attnets()).isEqualTo(bits(5, 6));
    assertThat(now.syncnets()).isEqualTo(bits(2));
    // one request after the handshake, one after the higher seq_number; none for the ping with the same one
    assertThat(metadataRequests).hasValue(2);
  }

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }
}
