package io.edvt.networking.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryServiceTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final byte[] DIGEST = HexFormat.of().parseHex("edf70001");
  private final List<DiscoveryService> services = new ArrayList<>();

  @AfterEach
  void stop() {
    java.util.concurrent.CompletableFuture.allOf(services.stream().map(DiscoveryService::stopAsync)
        .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
  }

  static DiscoveryConfig localConfig(int tcpPort, List<String> bootnodes) {
    return DiscoveryConfig.defaults().withListen(InetAddress.getLoopbackAddress(), 0)
        .withLibp2pPorts(tcpPort, OptionalInt.of(tcpPort + 1)).withBootnodes(bootnodes).withSiteLocalAddresses(true);
  }

  static LocalEnrFields fields() {
    return LocalEnrFields.of(new EnrForkId(DIGEST, HexFormat.of().parseHex("06000000"), UInt64.MAX_VALUE));
  }

  private DiscoveryService start(DiscoveryConfig config, LocalEnrFields fields, NodeKeyStore store) throws Exception {
    Secp256k1PrivateKey key = store != null ? store.loadOrCreateKey(RANDOM) : Secp256k1PrivateKey.generate(RANDOM);
    DiscoveryService d = new DiscoveryService(config, key, fields, store, DiscoveryMetrics.NONE);
    services.add(d);
    d.start().get(5, TimeUnit.SECONDS);
    return d;
  }

  @Test
  void ourEnrCarriesTheEth2FieldsAndAddressesAndRoundTrips() throws Exception {
    BitSet att = new BitSet();
    att.set(5);
    att.set(40);
    BitSet sync = new BitSet();
    sync.set(2);
    LocalEnrFields f = fields().withAttnets(att).withSyncnets(sync).withCustodyGroupCount(4)
        .withNextForkDigest(HexFormat.of().parseHex("0badbeef")).withGroupMember(true);
    DiscoveryService d = start(localConfig(9100, List.of()), f, null);
    DiscoveredPeer p = Enrs.toPeer(Enrs.decode(d.localEnr()));
    assertThat(p.eth2()).contains(f.eth2());
    assertThat(p.attnets()).isEqualTo(att);
    assertThat(p.syncnets()).isEqualTo(sync);
    assertThat(p.custodyGroupCount()).hasValue(4);
    assertThat(p.custodyGroups()).hasSize(4);
    assertThat(p.nextForkDigest().orElseThrow()).containsExactly(0x0b, 0xad, 0xbe, 0xef);
    assertThat(p.groupMember()).isTrue();
    assertThat(p.tcp().orElseThrow().getPort()).isEqualTo(9100);
    assertThat(p.quic().orElseThrow().getPort()).isEqualTo(9101);
    assertThat(p.tcp().orElseThrow().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(p.dialAddresses(true).getFirst().toString()).startsWith("/ip4/127.0.0.1/udp/9101/quic-v1/p2p/16Uiu2");
    assertThat(p.dialAddresses(false).getFirst().toString()).startsWith("/ip4/127.0.0.1/tcp/9100/p2p/16Uiu2");
  }

  @Test
  void aNodeStartedWithABootnodeFindsItAndIsFoundByIt() throws Exception {
    DiscoveryService a = start(localConfig(9200, List.of()), fields(), null);
    DiscoveryService b = start(localConfig(9300, List.of(a.localEnr())), fields(), null);
    NodeRecord aRecord = a.localRecord();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    boolean bFoundA = false;
    boolean aFoundB = false;
    while (System.nanoTime() < deadline && !(bFoundA && aFoundB)) {
      bFoundA = b.searchForPeers().get(10, TimeUnit.SECONDS).stream()
          .anyMatch(p -> p.enr().equals(aRecord.asEnr()));
      aFoundB = a.searchForPeers().get(10, TimeUnit.SECONDS).stream()
          .anyMatch(p -> p.tcp().orElseThrow().getPort() == 9300);
      Thread.sleep(100);
    }
    assertThat(bFoundA).as("b found its bootnode").isTrue();
    assertThat(aFoundB).as("the bootnode found b").isTrue();
  }

  /**
   * A bootnode that does not answer when the node starts (not up yet, or too busy to answer the
   * first ping: nodes of a devnet start together) is found once it answers: discv5 restarts while
   * it knows no live node (after 10 s, then 20 s). Without the restart the bootnode was not found
   * in 230 s.
   */
  @Test
  void aBootnodeThatWasDownAtStartIsFoundOnceItIsUp() throws Exception {
    DiscoveryService late = new DiscoveryService(localConfig(9600, List.of()), Secp256k1PrivateKey.generate(RANDOM),
        fields(), null, DiscoveryMetrics.NONE);
    String lateEnr = late.localEnr(); // the record it will serve, known before it listens
    DiscoveryService early = start(localConfig(9700, List.of(lateEnr)), fields(), null);
    // the start-up ping to the bootnode goes unanswered
    assertThat(early.searchForPeers().get(15, TimeUnit.SECONDS)).isEmpty();
    services.add(late);
    late.start().get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    boolean found = false;
    while (System.nanoTime() < deadline && !found) {
      found = early.searchForPeers().get(15, TimeUnit.SECONDS).stream().anyMatch(p -> p.enr().equals(lateEnr));
    }
    assertThat(found).as("the late bootnode was found").isTrue();
  }

  @Test
  void everyFieldChangeRaisesTheSequenceNumberAndARestartKeepsIt(@TempDir Path dir) throws Exception {
    NodeKeyStore store = new NodeKeyStore(dir);
    DiscoveryService d = start(localConfig(9400, List.of()), fields(), store);
    long seq0 = d.localRecord().getSeq().toLong();
    BitSet att = new BitSet();
    att.set(1);
    d.updateLocalFields(d.localFields().withAttnets(att));
    long seq1 = d.localRecord().getSeq().toLong();
    assertThat(seq1).isEqualTo(seq0 + 1);
    d.updateLocalFields(d.localFields().withGroupMember(true));
    assertThat(d.localRecord().getSeq().toLong()).isEqualTo(seq1 + 1);
    assertThat(Enrs.toPeer(d.localRecord()).groupMember()).isTrue();
    d.updateLocalFields(d.localFields().withGroupMember(false));
    assertThat(Enrs.toPeer(d.localRecord()).groupMember()).isFalse();
    d.updateLocalFields(d.localFields()); // no change, no new sequence number
    long last = d.localRecord().getSeq().toLong();
    assertThat(last).isEqualTo(seq1 + 2);
    assertThat(Enrs.decode(store.loadEnr().orElseThrow()).getSeq().toLong()).isEqualTo(last);
    String peerId = Enrs.toPeer(d.localRecord()).peerId().toString();
    d.stopAsync();

    // Same key, same fields and ports: the same sequence number.
    LocalEnrFields same = fields().withAttnets(att).withGroupMember(false);
    DiscoveryConfig sameConfig = localConfig(9400, List.of()).withListen(InetAddress.getLoopbackAddress(), d.udpPort());
    DiscoveryService again = new DiscoveryService(sameConfig, store.loadOrCreateKey(RANDOM), same, store,
        DiscoveryMetrics.NONE);
    services.add(again);
    NodeRecord r = again.localRecord();
    assertThat(Enrs.toPeer(r).peerId().toString()).isEqualTo(peerId);
    // gmember 0x00 (written to remove it) differs from absent: one more
    assertThat(r.getSeq().toLong()).isEqualTo(last + 1);

    // A changed field on restart: one more.
    DiscoveryService changed = new DiscoveryService(localConfig(9400, List.of()), store.loadOrCreateKey(RANDOM),
        same.withCustodyGroupCount(8), store, DiscoveryMetrics.NONE);
    services.add(changed);
    changed.start().get(5, TimeUnit.SECONDS);
    assertThat(changed.localRecord().getSeq().toLong()).isGreaterThan(last);
  }

  @Test
  void aSubnetSearchReturnsOnlyTheNodesOnThatSubnet() throws Exception {
    DiscoveryService a = start(localConfig(9600, List.of()), fields(), null);
    BitSet att = new BitSet();
    att.set(11);
    DiscoveryService onSubnet = start(localConfig(9610, List.of(a.localEnr())), fields().withAttnets(att)
        .withGroupMember(true), null);
    DiscoveryService plain = start(localConfig(9620, List.of(a.localEnr())), fields(), null);
    // Compared by peer id: the node is what a search finds, whatever sequence number its record is at.
    PeerId wanted = Enrs.toPeer(onSubnet.localRecord()).peerId();
    PeerId other = Enrs.toPeer(plain.localRecord()).peerId();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<DiscoveredPeer> all = List.of();
    while (System.nanoTime() < deadline && all.size() < 2) {
      all = a.searchForPeers().get(10, TimeUnit.SECONDS);
      Thread.sleep(100);
    }
    assertThat(all).extracting(DiscoveredPeer::peerId).containsExactlyInAnyOrder(wanted, other);
    assertThat(a.searchForPeers(SubnetPredicates.attestationSubnet(11)).get(10, TimeUnit.SECONDS))
        .extracting(DiscoveredPeer::peerId).containsExactly(wanted);
    assertThat(a.searchForPeers(SubnetPredicates.groupMember()).get(10, TimeUnit.SECONDS))
        .extracting(DiscoveredPeer::peerId).containsExactly(wanted);
    assertThat(a.searchForPeers(SubnetPredicates.attestationSubnet(12)).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(a.searchForPeers(SubnetPredicates.forkDigest(DIGEST)).get(10, TimeUnit.SECONDS))
        .extracting(DiscoveredPeer::peerId).containsExactlyInAnyOrder(wanted, other);
  }

  @Test
  void aCorruptNodeKeyFileIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("node-key"), "not hex\n");
    assertThatThrownBy(() -> new NodeKeyStore(dir).loadOrCreateKey(RANDOM)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("node-key is not a 32-byte hex secp256k1 key");
    Path fresh = dir.resolve("fresh");
    Secp256k1PrivateKey k = new NodeKeyStore(fresh).loadOrCreateKey(RANDOM);
    assertThat(new NodeKeyStore(fresh).loadOrCreateKey(RANDOM).raw()).isEqualTo(k.raw());
    assertThat(java.nio.file.Files.getPosixFilePermissions(fresh.resolve("node-key")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void aMalformedBootnodeFailsTheStartWithTheReason() {
    DiscoveryService d = new DiscoveryService(localConfig(9500, List.of("enr:-IS4QHCYrYZbAKW")),
        Secp256k1PrivateKey.generate(RANDOM), fields(), null, DiscoveryMetrics.NONE);
    assertThatThrownBy(d::start).isInstanceOf(InvalidEnrException.class).hasMessageContaining("not a v4 record");
    assertThatThrownBy(() -> Enrs.decode("enode://abc")).hasMessageContaining("must start with 'enr:'");
    assertThatThrownBy(() -> Enrs.decode("enr:" + "A".repeat(500))).hasMessageContaining("longer than");
  }

  @Test
  void privateAddressesAreDroppedUnlessEnabled() {
    DiscoveryService d = new DiscoveryService(DiscoveryConfig.defaults(), Secp256k1PrivateKey.generate(RANDOM), fields(),
        null, DiscoveryMetrics.NONE);
    assertThat(d.allowed(new java.net.InetSocketAddress("192.168.1.2", 9000))).isFalse();
    assertThat(d.allowed(new java.net.InetSocketAddress("10.0.0.1", 9000))).isFalse();
    assertThat(d.allowed(new java.net.InetSocketAddress("127.0.0.1", 9000))).isFalse();
    assertThat(d.allowed(new java.net.InetSocketAddress("8.8.8.8", 9000))).isTrue();
  }
}
