package io.edvt.networking.gossip;

import static io.edvt.networking.gossip.GossipNode.await;
import static io.edvt.networking.gossip.GossipNode.awaitChecked;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.networking.gossip.scoring.PeerScoreParams;
import io.edvt.networking.gossip.scoring.TopicScoreParams;
import io.edvt.networking.interop.JsPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.Snappy;

/**
 * Our gossipsub against {@code @libp2p/gossipsub} 17.1.1 on js-libp2p 3.3.11 (configured with
 * StrictNoSign and the eth2 message id, computed on its side with snappyjs and node:crypto). Fails,
 * never skips, when Node.js or the packages are missing. Run alone:
 * {@code mvn -pl networking -am test -Dtest=GossipJsInteropTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GossipJsInteropTest {
  private static final String TOPIC = "/eth2/00000000/beacon_attestation_1/ssz_snappy";
  private static final String OTHER = "/eth2/00000000/voluntary_exit/ssz_snappy";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HexFormat HEX = HexFormat.of();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  private GossipNode java() throws Exception {
    GossipNode n = new GossipNode(GossipNode.fastConfig());
    toClose.add(n);
    return n;
  }

  /** js peers started in parallel (each is a Node.js process). */
  private List<JsPeer> js(int count, String protocols) {
    return js(count, protocols, List.of());
  }

  private List<JsPeer> js(int count, String protocols, List<String> more) {
    List<CompletableFuture<JsPeer>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> args = new ArrayList<>(List.of("--heartbeat", "200"));
      if (protocols != null) {
        args.addAll(List.of("--protocols", protocols));
      }
      args.addAll(more);
      starting.add(CompletableFuture.supplyAsync(() -> JsPeer.startScript("gossip-peer.mjs", args)));
    }
    List<JsPeer> out = new ArrayList<>();
    for (CompletableFuture<JsPeer> f : starting) {
      JsPeer p = f.join();
      toClose.add(p);
      out.add(p);
    }
    return out;
  }

  private static Set<String> jsMesh(JsPeer p) {
    return jsMesh(p, TOPIC);
  }

  private static Set<String> jsMesh(JsPeer p, String topic) {
    Set<String> out = new HashSet<>();
    p.call("mesh", Map.of("topic", topic)).get("peers").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<JsonNode> jsReceived(JsPeer p, List<JsonNode> sink) {
    p.call("received", Map.of()).get("messages").forEach(sink::add);
    return sink;
  }

  private static byte[] randomPayload(int size, int seed) throws Exception {
    byte[] raw = new byte[size];
    new Random(seed).nextBytes(raw);
    return Snappy.compress(raw);
  }

  private static void connect(GossipNode j, JsPeer x, boolean javaDials) throws Exception {
    if (javaDials) {
      j.host.dial(x.address()).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } else {
      x.call("dial", Map.of("addr", j.address.toString()));
    }
  }

  @ParameterizedTest(name = "{0} dials")
  @ValueSource(strings = {"java", "js"})
  void messagesBothWaysOnceWithEqualIdsAndGraftPrune(String dialer) throws Exception {
    GossipNode j = java();
    JsPeer x = js(1, null).getFirst();
    j.subscribe(TOPIC);
    j.subscribe(OTHER);
    x.call("subscribe", Map.of("topic", TOPIC));
    x.call("subscribe", Map.of("topic", OTHER));
    connect(j, x, dialer.equals("java"));
    String jid = j.id().toBase58();
    awaitChecked("mesh on both sides", WAIT, () -> j.mesh(TOPIC).contains(x.peerId()) && jsMesh(x).contains(jid));
    assertThat(x.call("streams", Map.of()).get("outbound").get(jid).asText()).as("js's stream to us")
        .isEqualTo(GossipConfig.MESHSUB_V12);
    // GRAFT seen on both sides
    assertThat(j.events.get("graft-received") + j.events.get("graft-sent")).isPositive();
    List<String> jsEvents = new ArrayList<>();
    x.call("events", Map.of()).get("events").forEach(e -> jsEvents.add(e.get("type").asText() + " " + e.get("peer").asText()));
    assertThat(jsEvents).contains("graft " + jid);

    // Java -> js
    byte[] data = randomPayload(300, 1);
    PublishResult pub = j.publish(TOPIC, data);
    assertThat(pub.recipients()).isEqualTo(1);
    List<JsonNode> atJs = new ArrayList<>();
    awaitChecked("js received", WAIT, () -> !jsReceived(x, atJs).isEmpty());
    JsonNode m = atJs.getFirst();
    assertThat(m.get("data").asText()).isEqualTo(HEX.formatHex(data));
    assertThat(m.get("msgId").asText()).as("gossipsub's id on the js side").isEqualTo(pub.id().toHex());
    assertThat(m.get("ownId").asText()).isEqualTo(pub.id().toHex());
    assertThat(m.get("from").asText()).isEqualTo(jid);

    // js -> Java
    byte[] back = randomPayload(2000, 2);
    JsonNode jsPub = x.call("publish", Map.of("topic", TOPIC, "data", HEX.formatHex(back)));
    assertThat(jsPub.get("recipients").asInt()).isEqualTo(1);
    await("java received", WAIT, () -> j.received.size() == 1);
    GossipMessage got = j.received.peek();
    assertThat(got.data()).isEqualTo(back);
    assertThat(got.id().toHex()).isEqualTo(jsPub.get("msgId").asText());
    assertThat(got.from()).isEqualTo(x.peerId());

    Thread.sleep(500); // exactly once: nothing more arrives on either side
    assertThat(jsReceived(x, atJs)).hasSize(1);
    assertThat(j.received).hasSize(1);
    // we leave TOPIC: js sees our PRUNE; js leaves OTHER: we see its PRUNE
    awaitChecked("mesh of the other topic", WAIT, () -> j.mesh(OTHER).contains(x.peerId()) && jsMesh(x, OTHER).contains(jid));
    j.gossip.unsubscribe(TOPIC).get();
    awaitChecked("our PRUNE at js", WAIT, () -> {
      List<String> ev = new ArrayList<>();
      x.call("events", Map.of()).get("events").forEach(e -> ev.add(e.get("type").asText() + " " + e.get("peer").asText()
          + " " + e.get("topic").asText()));
      return ev.contains("prune " + jid + " " + TOPIC) && !jsMesh(x, TOPIC).contains(jid);
    });
    x.call("unsubscribe", Map.of("topic", OTHER));
    awaitChecked("PRUNE from js", WAIT, () -> j.events.get("prune-received") > 0 && !j.mesh(OTHER).contains(x.peerId()));
  }

  @Test
  void threeJavaAndThreeJsPeersFormAMeshAndEveryonesMessageReachesAll() throws Exception {
    List<GossipNode> javas = List.of(java(), java(), java());
    List<JsPeer> jss = js(3, null);
    for (GossipNode j : javas) {
      j.subscribe(TOPIC);
    }
    for (JsPeer x : jss) {
      x.call("subscribe", Map.of("topic", TOPIC));
    }
    // a ring J0-X0-J1-X1-J2-X2-J0, plus J0-J1 and X0 dialling J2: every node has 2 or 3 neighbours
    for (int i = 0; i < 3; i++) {
      connect(javas.get(i), jss.get(i), i % 2 == 0);
      connect(javas.get((i + 1) % 3), jss.get(i), i % 2 == 1);
    }
    javas.get(0).dial(javas.get(1));
    connect(javas.get(2), jss.get(0), false);
    for (GossipNode j : javas) {
      awaitChecked("java mesh of 2+", WAIT, () -> j.mesh(TOPIC).size() >= 2);
    }
    for (JsPeer x : jss) {
      awaitChecked("js mesh of 2+", WAIT, () -> jsMesh(x).size() >= 2);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(javas.get(i).publish(TOPIC, randomPayload(100 + i, 10 + i)).id().toHex());
      ids.add(jss.get(i).call("publish", Map.of("topic", TOPIC, "data", HEX.formatHex(randomPayload(200 + i, 20 + i))))
          .get("msgId").asText());
    }
    for (int i = 0; i < 3; i++) {
      GossipNode j = javas.get(i);
      await("java " + i + " has 5 messages", WAIT, () -> j.received.size() >= 5);
    }
    List<List<JsonNode>> atJs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < 3; i++) {
      JsPeer x = jss.get(i);
      List<JsonNode> sink = atJs.get(i);
      awaitChecked("js " + i + " has 5 messages", WAIT, () -> jsReceived(x, sink).size() >= 5);
    }
    Thread.sleep(500);
    for (int i = 0; i < 3; i++) {
      List<String> expected = new ArrayList<>(ids);
      expected.remove(2 * i);
      assertThat(javas.get(i).received.stream().map(m -> m.id().toHex()).toList()).as("java %d", i)
          .containsExactlyInAnyOrderElementsOf(expected);
      List<String> expectedJs = new ArrayList<>(ids);
      expectedJs.remove(2 * i + 1);
      assertThat(jsReceived(jss.get(i), atJs.get(i)).stream().map(n -> n.get("msgId").asText()).toList()).as("js %d", i)
          .containsExactlyInAnyOrderElementsOf(expectedJs);
    }
  }

  @Test
  void idontwantFlowsBothWaysWithMeshsub12AndNotToA11Peer() throws Exception {
    List<JsPeer> v12 = js(2, null);
    JsPeer v11 = js(1, GossipConfig.MESHSUB_V11).getFirst();
    GossipNode j = java();
    GossipNode j2 = java();
    j.subscribe(TOPIC);
    j2.subscribe(TOPIC);
    for (JsPeer x : List.of(v12.get(0), v12.get(1), v11)) {
      x.call("subscribe", Map.of("topic", TOPIC));
      connect(j, x, true);
    }
    connect(j2, v12.get(0), true); // j2 - X0 - j
    String jid = j.id().toBase58();
    awaitChecked("j's mesh has the three js peers", WAIT, () -> j.mesh(TOPIC).size() == 3);
    for (JsPeer x : List.of(v12.get(0), v12.get(1), v11)) {
      awaitChecked("js mesh has j", WAIT, () -> jsMesh(x).contains(jid));
    }
    assertThat(v11.call("streams", Map.of()).get("outbound").get(jid).asText()).isEqualTo(GossipConfig.MESHSUB_V11);

    // X1 publishes a large message: j gets it from X1 and tells X0 (1.2.0), not the 1.1.0 peer, IDONTWANT
    byte[] big = randomPayload(4000, 3);
    String id = v12.get(1).call("publish", Map.of("topic", TOPIC, "data", HEX.formatHex(big))).get("msgId").asText();
    await("j received it", WAIT, () -> j.received.size() == 1);
    awaitChecked("X0 holds j's IDONTWANT", WAIT, () -> {
      JsonNode held = v12.get(0).call("idontwants", Map.of()).get("byPeer").get(jid);
      return held != null && held.toString().contains(id);
    });
    JsonNode at11 = v11.call("idontwants", Map.of()).get("byPeer").get(jid);
    assertThat(at11 == null || !at11.toString().contains(id)).as("no IDONTWANT to the 1.1.0 peer").isTrue();
    assertThat(j.events.get("idontwant-sent")).isPositive();

    // j2 publishes a large message: X0 gets it from j2 and sends IDONTWANT to j
    awaitChecked("j2 in X0's mesh", WAIT, () -> jsMesh(v12.get(0)).contains(j2.id().toBase58()));
    j2.publish(TOPIC, randomPayload(4000, 4));
    await("j received IDONTWANT from a js peer", WAIT, () -> j.events.get("idontwant-received") > 0);
  }

  @Test
  void aSignedMessageFromAStrictSignPeerIsRejectedAndCostsItsScore() throws Exception {
    // slow decay: at the default 1 s interval P4 halves between the rejection and the check on a loaded machine
    PeerScoreParams score = PeerScoreParams.defaults().withDecayInterval(Duration.ofSeconds(30))
        .withTopics(Map.of(TOPIC, TopicScoreParams.invalidOnly(1)));
    GossipNode j = new GossipNode(GossipNode.fastConfig().withScoring(score, GossipNode.fastConfig().scoreThresholds()));
    toClose.add(j);
    JsPeer signer = js(1, null, List.of("--sign", "StrictSign")).getFirst();
    j.subscribe(TOPIC);
    signer.call("subscribe", Map.of("topic", TOPIC));
    connect(j, signer, true);
    awaitChecked("js knows we subscribe", WAIT, () -> {
      List<String> subs = new ArrayList<>();
      signer.call("subscribers", Map.of("topic", TOPIC)).get("peers").forEach(n -> subs.add(n.asText()));
      return subs.contains(j.id().toBase58());
    });
    JsonNode pub = signer.call("publish", Map.of("topic", TOPIC, "data", HEX.formatHex(randomPayload(100, 5))));
    assertThat(pub.get("recipients").asInt()).isEqualTo(1);
    await("rejected", WAIT, () -> j.events.get("reject") == 1);
    assertThat(j.received).isEmpty();
    assertThat(j.score(signer.peerId())).isEqualTo(-100);
  }
}
