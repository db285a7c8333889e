package io.edvt.node.network;

import static io.edvt.node.network.NetworkTestNode.VERSIONS;
import static io.edvt.node.network.NetworkTestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.DiscoveredPeer;
import io.edvt.networking.discovery.DiscoveryConfig;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.Enrs;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.peers.PeerSubnets;
import io.edvt.networking.transport.api.Connection;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a node advertises follows its state: real nodes on loopback (discv5 on UDP, libp2p on TCP)
 * on the {@link ForkCrossingChain} network, EDVT from epoch 2, with a clock the test moves.
 */
@Timeout(90)
class NodeAdvertisementTest {
  private static final long SLOTS_PER_EPOCH = VERSIONS.config().slotsPerEpoch();
  private static final long FORK_SLOT = ForkCrossingChain.FORK_EPOCH * SLOTS_PER_EPOCH;

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final AtomicLong millis = new AtomicLong();
  private final InstantSource time = () -> Instant.ofEpochMilli(millis.get());

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  /** The clock in the middle of {@code slot}, and the node's slot hook called as the ticker would. */
  private void moveTo(long slot, NetworkTestNode... nodes) {
    millis.set(slot * VERSIONS.config().slotDurationMs() + 500);
    for (NetworkTestNode n : nodes) {
      n.network.onSlot(slot);
    }
  }

  private NetworkTestNode withDiscovery(List<io.edvt.networking.transport.multiaddr.Multiaddr> statics,
      PeerUpkeepIntervals upkeep) throws IOException {
    return withDiscovery(statics, upkeep, true);
  }

  private NetworkTestNode withDiscovery(List<io.edvt.networking.transport.multiaddr.Multiaddr> statics,
      PeerUpkeepIntervals upkeep, boolean allSubnets) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // discovery advertises the TCP port, so it must be a fixed one
    }
    NetworkTestNode n = new NetworkTestNode(statics, time, o -> o.withListen("127.0.0.1", port).withUpkeep(upkeep)
        .withDiscovery(DiscoveryConfig.defaults().withListen(InetAddress.getLoopbackAddress(), 0)
            .withSiteLocalAddresses(true)).withSubnets(allSubnets, false));
    closing.add(n);
    return n;
  }

  private static DiscoveredPeer enr(NetworkTestNode n) {
    return Enrs.toPeer(Enrs.decode(n.network.localEnr().orElseThrow()));
  }

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  @Test
  void theEnrsEth2AndNfdFieldsSwitchToTheNewForkAtItsFirstSlotAndTheSeqRises() throws Exception {
    moveTo(FORK_SLOT - 4);
    NetworkTestNode a = withDiscovery(List.of(), PeerUpkeepIntervals.defaults());
    ForkDigests digests = a.network.digests();
    byte[] fulu = digests.digestAt(UInt64.ONE).toArray();
    byte[] edvt = digests.digestAt(UInt64.valueOf(ForkCrossingChain.FORK_EPOCH)).toArray();
    byte[] edvtVersion = SpecConfigEdvt.of(VERSIONS.config()).edvtForkVersion().toArray();
    assertThat(fulu).isNotEqualTo(edvt);

    DiscoveredPeer before = enr(a);
    assertThat(before.eth2()).hasValue(new EnrForkId(fulu, edvtVersion, UInt64.valueOf(ForkCrossingChain.FORK_EPOCH)));
    assertThat(before.nextForkDigest().orElseThrow()).isEqualTo(edvt);
    assertThat(before.attnets().cardinality()).isEqualTo(VERSIONS.config().attestationSubnetCount());
    assertThat(before.custodyGroupCount()).hasValue(VERSIONS.config().custodyRequirement());

    moveTo(FORK_SLOT - 1, a); // the last Fulu slot: nothing changes
    assertThat(enr(a).seq()).isEqualTo(before.seq());
    assertThat(enr(a).eth2()).isEqualTo(before.eth2());

    moveTo(FORK_SLOT, a);
    DiscoveredPeer after = enr(a);
    // no fork is scheduled after EDVT (the minimal config's BLOB_SCHEDULE is empty)
    assertThat(after.eth2()).hasValue(new EnrForkId(edvt, edvtVersion, UInt64.MAX_VALUE));
    assertThat(after.nextForkDigest().orElseThrow()).isEqualTo(new byte[4]);
    assertThat(after.seq()).isGreaterThan(before.seq());
    assertThat(after.attnets()).isEqualTo(before.attnets());
    assertThat(after.custodyGroupCount()).isEqualTo(before.custodyGroupCount());
    assertThat(a.network.localMetadata().seqNumber()).isEqualTo(UInt64.ONE); // MetaData has no fork field
  }

  @Test
  void aSyncSubnetChangeRaisesTheMetadataSeqAndReachesTheEnrAMetadataRequestAndThePeersPeerManager() throws Exception {
    moveTo(FORK_SLOT + 3);
    PeerUpkeepIntervals fastPings = new PeerUpkeepIntervals(Duration.ofMillis(200), Duration.ofMinutes(5),
        Duration.ofSeconds(5));
    NetworkTestNode a = withDiscovery(List.of(), fastPings);
    NetworkTestNode b = withDiscovery(List.of(a.network.address()), fastPings);

    // after the handshake B asks A for its MetaData and keeps it, in its peer manager too
    await("B holds A's metadata", 20, () -> b.network.peerMetadata().metadataOf(a.network.peerId()).isPresent());
    MetadataMessage first = b.network.peerMetadata().metadataOf(a.network.peerId()).orElseThrow();
    assertThat(first.seqNumber()).isEqualTo(UInt64.ONE);
    assertThat(first.syncnets().count()).isZero();
    PeerSubnets known = b.network.peers().subnetsOf(a.network.peerId()).orElseThrow();
    assertThat(known.attnets().cardinality()).isEqualTo(VERSIONS.config().attestationSubnetCount());
    assertThat(known.custodyGroups()).hasSize(VERSIONS.config().custodyRequirement());
    long enrSeq = enr(a).seq();

    a.network.syncSeats(Set.of(1, 3), Long.MAX_VALUE).get(5, TimeUnit.SECONDS);

    assertThat(a.network.localMetadata().seqNumber()).isEqualTo(UInt64.valueOf(2));
    DiscoveredPeer enr = enr(a);
    assertThat(enr.syncnets()).isEqualTo(bits(1, 3));
    assertThat(enr.seq()).isGreaterThan(enrSeq);
    // a MetaData request A answers carries the new seq and bits
    Connection toA = b.network.statuses().ready(a.network.peerId()).orElseThrow().connection();
    MetadataMessage answered = b.network.client().metadata(toA).get(5, TimeUnit.SECONDS);
    assertThat(answered.seqNumber()).isEqualTo(UInt64.valueOf(2));
    assertThat(answered.syncnets().setBits().toArray()).containsExactly(1, 3);
    assertThat(answered.custodyGroupCount()).hasValue(UInt64.valueOf(VERSIONS.config().custodyRequirement()));
    // B's next ping sees the higher seq and asks again
    await("B's peer manager learns A's sync subnets", 20,
        () -> b.network.peers().subnetsOf(a.network.peerId()).map(PeerSubnets::syncnets).orElse(new BitSet())
            .equals(bits(1, 3)));
    assertThat(b.network.peerMetadata().metadataOf(a.network.peerId()).orElseThrow().seqNumber())
        .isEqualTo(UInt64.valueOf(2));

    // the same subnets again change nothing
    a.network.syncSeats(Set.of(3, 1), Long.MAX_VALUE).get(5, TimeUnit.SECONDS);
    assertThat(a.network.localMetadata().seqNumber()).isEqualTo(UInt64.valueOf(2));
    assertThat(enr(a).seq()).isEqualTo(enr.seq());
  }

  private static Set<Integer> attestationTopics(NetworkTestNode n) {
    Set<Integer> out = new java.util.TreeSet<>();
    for (String topic : n.network.subscriptions().topics()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("/beacon_attestation_([0-9]+)/").matcher(topic);
      if (m.find()) {
        out.add(Integer.parseInt(m.group(1)));
      }
    }
    return out;
  }

  private static Set<Integer> syncTopics(NetworkTestNode n) {
    Set<Integer> out = new java.util.TreeSet<>();
    for (String topic : n.network.subscriptions().topics()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("/sync_committee_([0-9]+)/").matcher(topic);
      if (m.find()) {
        out.add(Integer.parseInt(m.group(1)));
      }
    }
    return out;
  }

  private static BitSet bits(Set<Integer> set) {
    BitSet b = new BitSet();
    set.forEach(b::set);
    return b;
  }

  @Test
  void withoutSubscribeAllTheNodeIsOnItsLongLivedSubnetsAndAdvertisesExactlyThose() throws Exception {
    long slot = FORK_SLOT + 3;
    moveTo(slot);
    NetworkTestNode a = withDiscovery(List.of(), PeerUpkeepIntervals.defaults(), false);
    long epoch = slot / SLOTS_PER_EPOCH;
    // the node id as discovery publishes it (keccak256 of the ENR's key), not ours
    Set<Integer> longLived = new LongLivedSubnets(enr(a).nodeId(), VERSIONS.config()).at(epoch);
    assertThat(longLived).hasSize(VERSIONS.config().subnetsPerNode());
    assertThat(attestationTopics(a)).isEqualTo(longLived);
    assertThat(enr(a).attnets()).isEqualTo(bits(longLived));
    assertThat(a.network.localMetadata().attnets().setBits().boxed().collect(java.util.stream.Collectors.toSet()))
        .isEqualTo(longLived);
  }

  @Test
  void anAggregatorsSubnetIsJoinedTwoSlotsAheadAndLeftAfterItsSlotAndANonAggregatorJoinsNothing() throws Exception {
    long slot = FORK_SLOT + 3;
    moveTo(slot);
    NetworkTestNode a = withDiscovery(List.of(), PeerUpkeepIntervals.defaults(), false);
    Set<Integer> longLived = attestationTopics(a);
    int subnet = java.util.stream.IntStream.range(0, VERSIONS.config().attestationSubnetCount())
        .filter(s -> !longLived.contains(s)).findFirst().orElseThrow();
    int other = java.util.stream.IntStream.range(subnet + 1, VERSIONS.config().attestationSubnetCount())
        .filter(s -> !longLived.contains(s)).findFirst().orElseThrow();
    long duty = slot + 5;
    a.network.attesterDuty(subnet, duty, true).get(5, TimeUnit.SECONDS);
    a.network.attesterDuty(other, duty, false).get(5, TimeUnit.SECONDS);
    long enrSeq = enr(a).seq();
    UInt64 metadataSeq = a.network.localMetadata().seqNumber();
    assertThat(attestationTopics(a)).isEqualTo(longLived); // 5 slots ahead: not yet

    moveTo(duty - SubnetSubscriptions.AHEAD_SLOTS - 1, a);
    assertThat(attestationTopics(a)).isEqualTo(longLived);
    moveTo(duty - SubnetSubscriptions.AHEAD_SLOTS, a);
    assertThat(attestationTopics(a)).containsAll(longLived).contains(subnet).doesNotContain(other);
    moveTo(duty, a);
    assertThat(attestationTopics(a)).contains(subnet).doesNotContain(other);
    // a duty's subnet is short-lived: neither the ENR nor MetaData name it
    assertThat(enr(a).attnets().get(subnet)).isFalse();
    assertThat(enr(a).seq()).isEqualTo(enrSeq);
    assertThat(a.network.localMetadata().seqNumber()).isEqualTo(metadataSeq);
    moveTo(duty + 1, a);
    assertThat(attestationTopics(a)).isEqualTo(longLived);
  }

  @Test
  void syncSeatsAreJoinedAndAdvertisedUntilTheirEpochAndThenLeft() throws Exception {
    long slot = FORK_SLOT + 3;
    moveTo(slot);
    NetworkTestNode a = withDiscovery(List.of(), PeerUpkeepIntervals.defaults(), false);
    long until = slot / SLOTS_PER_EPOCH + 2;
    a.network.syncSeats(Set.of(2), until).get(5, TimeUnit.SECONDS);
    assertThat(syncTopics(a)).containsExactly(2);
    assertThat(enr(a).syncnets()).isEqualTo(bits(2));
    assertThat(a.network.localMetadata().syncnets().setBits().toArray()).containsExactly(2);

    moveTo(until * SLOTS_PER_EPOCH - 1, a);
    assertThat(syncTopics(a)).containsExactly(2);
    moveTo(until * SLOTS_PER_EPOCH, a);
    assertThat(syncTopics(a)).isEmpty();
    assertThat(enr(a).syncnets().isEmpty()).isTrue();
    assertThat(a.network.localMetadata().syncnets().count()).isZero();
  }
}
