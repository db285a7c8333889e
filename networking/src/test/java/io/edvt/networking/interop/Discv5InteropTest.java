package io.edvt.networking.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.DiscoveredPeer;
import io.edvt.networking.discovery.DiscoveryConfig;
import io.edvt.networking.discovery.DiscoveryMetrics;
import io.edvt.networking.discovery.DiscoveryService;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.Enrs;
import io.edvt.networking.discovery.InvalidEnrException;
import io.edvt.networking.discovery.LocalEnrFields;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery against {@code @chainsafe/discv5} 11.0.0 (Lodestar's discv5) from npm
 * ({@code src/test/js-discv5}): each side finds the other from its ENR, and ENRs round-trip with
 * their signature, sequence number, eth2 and custom fields.
 */
class Discv5InteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private JsScript js() {
    return js(false);
  }

  private JsScript js(boolean badEth2) {
    Path dir = NpmProject.dir("js-discv5", true, "@chainsafe/discv5");
    JsScript s = new JsScript(dir, "discv5-peer.mjs", List.of("--port", "0", "--bad-eth2", Boolean.toString(badEth2)));
    closeables.add(s);
    return s;
  }

  private static LocalEnrFields fields() {
    BitSet att = new BitSet();
    att.set(3);
    att.set(60);
    BitSet sync = new BitSet();
    sync.set(1);
    return LocalEnrFields.of(new EnrForkId(HEX.parseHex("edf70001"), HEX.parseHex("06000000"), UInt64.valueOf(12345)))
        .withAttnets(att).withSyncnets(sync).withCustodyGroupCount(8).withNextForkDigest(HEX.parseHex("cafe0001"))
        .withGroupMember(true);
  }

  private DiscoveryService java(List<String> bootnodes) throws Exception {
    return java(bootnodes, DiscoveryMetrics.NONE);
  }

  private DiscoveryService java(List<String> bootnodes, DiscoveryMetrics metrics) throws Exception {
    DiscoveryConfig c = DiscoveryConfig.defaults().withListen(InetAddress.getLoopbackAddress(), 0)
        .withLibp2pPorts(9700, OptionalInt.of(9701)).withBootnodes(bootnodes).withSiteLocalAddresses(true);
    DiscoveryService d = new DiscoveryService(c, Secp256k1PrivateKey.generate(RANDOM), fields(), null, metrics);
    d.start().get(5, TimeUnit.SECONDS);
    closeables.add(d::stop);
    return d;
  }

  private static void await(String what, Duration limit, BooleanSupplier check) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for: " + what);
      }
      Thread.sleep(200);
    }
  }

  private static boolean jsKnows(JsScript js, String nodeIdHex) {
    for (JsonNode e : js.call("kadValues", Map.of()).get("enrs")) {
      if (js.call("decode", Map.of("enr", e.asText())).get("nodeId").asText().equals(nodeIdHex)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void ourNodeFindsAJsNodeFromItsEnrAndIsFoundByIt() throws Exception {
    JsScript js = js();
    String jsEnr = js.ready().get("enr").asText();
    String jsNodeId = js.ready().get("nodeId").asText();
    DiscoveryService ours = java(List.of(jsEnr));
    String ourNodeId = ours.localRecord().getNodeId().toUnprefixedHexString();

    List<DiscoveredPeer> found = new ArrayList<>();
    await("our search finds the js node", Duration.ofSeconds(20), () -> {
      found.clear();
      found.addAll(ours.searchForPeers().join());
      return found.stream().anyMatch(p -> p.nodeId().toString(16).equals(jsNodeId.replaceFirst("^0+", "")));
    });
    DiscoveredPeer p = found.stream().filter(x -> x.enr().equals(jsEnr)).findFirst().orElseThrow();
    assertThat(HEX.formatHex(p.eth2().orElseThrow().forkDigest())).isEqualTo("edf70001");
    assertThat(p.eth2().orElseThrow().nextForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(p.attnets().stream().boxed().toList()).containsExactly(0, 1, 63);
    assertThat(p.syncnets().stream().boxed().toList()).containsExactly(0, 2);
    assertThat(p.custodyGroupCount()).hasValue(8);
    assertThat(p.groupMember()).isTrue();
    assertThat(p.tcp().orElseThrow().getPort()).isEqualTo(13000);

    await("the js node has our node in its table", Duration.ofSeconds(20), () -> jsKnows(js, ourNodeId));
  }

  @Test
  void aJsNodeGivenOurEnrFindsUsByALookup() throws Exception {
    DiscoveryService ours = java(List.of());
    String ourNodeId = ours.localRecord().getNodeId().toUnprefixedHexString();
    JsScript js = js();
    js.call("addEnr", Map.of("enr", ours.localEnr()));
    await("a js lookup finds our node", Duration.ofSeconds(20), () -> {
      for (JsonNode e : js.call("findRandomNode", Map.of(), Duration.ofSeconds(15)).get("found")) {
        if (js.call("decode", Map.of("enr", e.asText())).get("nodeId").asText().equals(ourNodeId)) {
          return true;
        }
      }
      return jsKnows(js, ourNodeId);
    });
    // Our side learned the js node from its handshake.
    String jsNodeId = js.ready().get("nodeId").asText();
    await("we know the js node", Duration.ofSeconds(10),
        () -> ours.knownPeers().stream().anyMatch(p -> p.nodeId().toString(16).equals(jsNodeId.replaceFirst("^0+", ""))));
  }

  @Test
  void enrsRoundTripWithSignatureSequenceAndFields() throws Exception {
    DiscoveryService ours = java(List.of());
    BitSet att = new BitSet();
    att.set(9);
    ours.updateLocalFields(ours.localFields().withAttnets(att)); // seq 2
    NodeRecord r = ours.localRecord();
    assertThat(r.getSeq().toLong()).isEqualTo(2);

    JsScript js = js();
    JsonNode decoded = js.call("decode", Map.of("enr", ours.localEnr()));
    assertThat(decoded.get("enr").asText()).as("re-encoded by js").isEqualTo(ours.localEnr());
    assertThat(decoded.get("seq").asText()).isEqualTo("2");
    assertThat(decoded.get("nodeId").asText()).isEqualTo(r.getNodeId().toUnprefixedHexString());
    assertThat(decoded.get("ip").asText()).isEqualTo("127.0.0.1");
    assertThat(decoded.get("udp").asInt()).isEqualTo(ours.udpPort());
    assertThat(decoded.get("tcp").asInt()).isEqualTo(9700);
    assertThat(decoded.get("quic").asInt()).isEqualTo(9701);
    JsonNode kvs = decoded.get("kvs");
    assertThat(kvs.get("eth2").asText()).isEqualTo("edf70001" + "06000000" + "3930000000000000");
    assertThat(kvs.get("attnets").asText()).isEqualTo("0002000000000000");
    assertThat(kvs.get("syncnets").asText()).isEqualTo("02");
    assertThat(kvs.get("cgc").asText()).isEqualTo("08");
    assertThat(kvs.get("nfd").asText()).isEqualTo("cafe0001");
    assertThat(kvs.get("gmember").asText()).isEqualTo("01");

    // The js node's ENR, decoded and re-encoded by us: same text, valid signature, same fields.
    JsonNode jsReady = js.ready();
    NodeRecord theirs = Enrs.decode(jsReady.get("enr").asText());
    assertThat(theirs.asEnr()).isEqualTo(jsReady.get("enr").asText());
    assertThat(theirs.getSeq().toString()).isEqualTo(jsReady.get("seq").asText());
    assertThat(theirs.getNodeId().toUnprefixedHexString()).isEqualTo(jsReady.get("nodeId").asText());
    DiscoveredPeer p = Enrs.toPeer(theirs);
    assertThat(HEX.formatHex(p.eth2().orElseThrow().toSsz())).isEqualTo(jsReady.get("kvs").get("eth2").asText());
    assertThat(p.peerId().toString()).startsWith("16Uiu2");

    // A tampered record: both refuse it.
    byte[] rlp = Base64.getUrlDecoder().decode(ours.localEnr().substring(4));
    rlp[rlp.length - 3] ^= 0x01; // inside the last field's value, under the signature
    String tampered = "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(rlp);
    assertThatThrownBy(() -> Enrs.decode(tampered)).isInstanceOf(InvalidEnrException.class);
    assertThatThrownBy(() -> js.call("decode", Map.of("enr", tampered))).isInstanceOf(AssertionError.class);
  }

  /** A js node whose eth2 field is 15 bytes: found by discv5, dropped as a candidate, counted with the reason. */
  @Test
  void aMalformedEth2FieldFromTheNetworkIsDroppedWithTheReason() throws Exception {
    JsScript js = js(true);
    List<String> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
    DiscoveryService ours = java(List.of(js.ready().get("enr").asText()), new DiscoveryMetrics() {
      @Override
      public void recordRejected(String reason) {
        rejected.add(reason);
      }
    });
    await("the malformed record is rejected", Duration.ofSeconds(20), () -> {
      assertThat(ours.searchForPeers().join()).isEmpty();
      return !rejected.isEmpty();
    });
    assertThat(rejected).contains("eth2: ENRForkId must be 16 bytes, got 15");
  }
}
