package io.edvt.networking.gossip;

import static io.edvt.networking.gossip.GossipNode.await;
import static io.edvt.networking.gossip.GossipNode.awaitChecked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.gossip.scoring.PeerScoreParams;
import io.edvt.networking.gossip.scoring.PeerScoreThresholds;
import io.edvt.networking.gossip.scoring.TopicScoreParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Gossipsub between Java hosts over real connections (100 ms heartbeats). */
class GossipHostToHostTest {
  private static final String TOPIC = "/eth2/00000000/beacon_block/ssz_snappy";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<GossipNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(GossipNode::close);
  }

  private GossipNode node(GossipConfig config) throws Exception {
    GossipNode n = new GossipNode(config);
    nodes.add(n);
    return n;
  }

  private static byte[] payload(String text) throws Exception {
    return Snappy.compress(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMessageArrivesOnTheOtherSideOnceWithTheSameIdInBothDirections() throws Exception {
    GossipNode a = node(GossipNode.fastConfig());
    GossipNode b = node(GossipNode.fastConfig());
    a.subscribe(TOPIC);
    b.subscribe(TOPIC);
    a.dial(b);
    awaitChecked("a and b in each other's mesh", WAIT, () -> a.mesh(TOPIC).contains(b.id()) && b.mesh(TOPIC).contains(a.id()));

    PublishResult fromA = a.publish(TOPIC, payload("from a"));
    assertThat(fromA.recipients()).isEqualTo(1);
    PublishResult fromB = b.publish(TOPIC, payload("from b"));
    await("both delivered", WAIT, () -> b.received.size() == 1 && a.received.size() == 1);
    GossipMessage atB = b.received.peek();
    assertThat(atB.id()).isEqualTo(fromA.id());
    assertThat(atB.from()).isEqualTo(a.id());
    assertThat(Snappy.uncompress(atB.data())).isEqualTo("from a".getBytes(StandardCharsets.UTF_8));
    assertThat(a.received.peek().id()).isEqualTo(fromB.id());
    assertThat(fromA.id()).isEqualTo(new Eth2MessageId(10 << 20).apply(TOPIC, payload("from a")));
    Thread.sleep(300); // nothing more arrives (our own message does not come back)
    assertThat(a.received).hasSize(1);
    assertThat(b.received).hasSize(1);
  }

  @Test
  void aMeshOfFiveDeliversEveryonesMessageToAllExactlyOnceAndDropsDuplicates() throws Exception {
    List<GossipNode> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      GossipNode n = node(GossipNode.fastConfig().withIDontWantMinDataSize(1000));
      n.subscribe(TOPIC);
      all.add(n);
    }
    for (int i = 0; i < all.size(); i++) { // every pair connected: each message arrives several times
      for (int j = i + 1; j < all.size(); j++) {
        all.get(i).dial(all.get(j));
      }
    }
    for (GossipNode n : all) {
      awaitChecked("full mesh", WAIT, () -> n.mesh(TOPIC).size() == 4);
    }
    List<MessageId> ids = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      byte[] big = new byte[2000]; // large enough for IDONTWANT, compressed too
      new java.util.Random(i).nextBytes(big);
      ids.add(all.get(i).publish(TOPIC, Snappy.compress(big)).id());
    }
    for (int i = 0; i < all.size(); i++) {
      GossipNode n = all.get(i);
      await("4 messages at node " + i, WAIT, () -> n.received.size() == 4);
    }
    Thread.sleep(300);
    int duplicates = 0;
    for (int i = 0; i < all.size(); i++) {
      GossipNode n = all.get(i);
      List<MessageId> got = n.received.stream().map(GossipMessage::id).toList();
      List<MessageId> expected = new ArrayList<>(ids);
      expected.remove(i);
      assertThat(got).as("node %d", i).containsExactlyInAnyOrderElementsOf(expected);
      duplicates += n.events.get("duplicate");
      assertThat(n.events.get("idontwant-sent")).as("IDONTWANT sent by node %d", i).isPositive();
    }
    assertThat(duplicates).as("duplicates dropped by the seen cache").isPositive();
  }

  @Test
  void aMessageOfSeveralMegabytesCrossesTwoHops() throws Exception {
    GossipNode a = node(GossipNode.fastConfig());
    GossipNode b = node(GossipNode.fastConfig());
    GossipNode c = node(GossipNode.fastConfig());
    for (GossipNode n : List.of(a, b, c)) {
      n.subscribe(TOPIC);
    }
    a.dial(b);
    b.dial(c);
    awaitChecked("line meshed", WAIT, () -> b.mesh(TOPIC).size() == 2 && c.mesh(TOPIC).contains(b.id()));
    byte[] raw = new byte[6 << 20];
    new java.util.Random(6).nextBytes(raw);
    byte[] data = Snappy.compress(raw); // random data does not compress: about 6 MiB on the wire
    MessageId id = a.publish(TOPIC, data).id();
    await("c got it", WAIT, () -> c.received.size() == 1);
    assertThat(c.received.peek().id()).isEqualTo(id);
    assertThat(c.received.peek().data()).isEqualTo(data);
  }

  @Test
  void publishingAMessageSeenBeforeIsRefused() throws Exception {
    GossipNode a = node(GossipNode.fastConfig());
    a.subscribe(TOPIC);
    a.publish(TOPIC, payload("once"));
    CompletableFuture<PublishResult> again = a.gossip.publish(TOPIC, payload("once"));
    assertThatThrownBy(() -> again.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("was seen already");
  }

  @Test
  void fanoutPublishingWithoutSubscriptionReachesTheTopicAndExpires() throws Exception {
    GossipConfig config = GossipNode.fastConfig().withFloodPublish(false).withFanoutTtl(Duration.ofMillis(500));
    GossipNode publisher = node(config);
    GossipNode b = node(config);
    GossipNode c = node(config);
    b.subscribe(TOPIC);
    c.subscribe(TOPIC);
    publisher.dial(b);
    publisher.dial(c);
    awaitChecked("the publisher knows both subscribers",
        WAIT, () -> publisher.gossip.topicPeers(TOPIC).get(5, TimeUnit.SECONDS).size() == 2);
    PublishResult r = publisher.publish(TOPIC, payload("fanout"));
    assertThat(r.recipients()).isEqualTo(2);
    assertThat(publisher.gossip.fanoutPeers(TOPIC).get(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder(b.id(), c.id());
    assertThat(publisher.mesh(TOPIC)).isEmpty();
    await("b and c got it", WAIT, () -> b.received.size() == 1 && c.received.size() == 1);
    awaitChecked("fanout expired after its TTL", WAIT,
        () -> publisher.gossip.fanoutPeers(TOPIC).get(5, TimeUnit.SECONDS).isEmpty());
  }

  @Test
  void aPeerThatSendsInvalidMessagesIsPrunedThenGraylisted() throws Exception {
    // P4 weight -100 (topic weight 1, slow decay); graylisted below -1000, i.e. after 4 invalid messages
    PeerScoreParams score = PeerScoreParams.defaults().withDecayInterval(Duration.ofSeconds(30))
        .withTopics(Map.of(TOPIC, TopicScoreParams.invalidOnly(1)));
    GossipConfig strict = GossipNode.fastConfig().withScoring(score, new PeerScoreThresholds(-10, -20, -1000, 100, 5));
    GossipNode judge = node(strict);
    GossipNode liar = node(GossipNode.fastConfig());
    judge.subscribe(TOPIC);
    liar.subscribe(TOPIC);
    judge.gossip.setValidator(TOPIC, m -> CompletableFuture.supplyAsync(() -> // asynchronous, on another thread
        new String(uncompress(m.data()), StandardCharsets.UTF_8).startsWith("bad") ? ValidationResult.REJECT
            : ValidationResult.ACCEPT)).get(5, TimeUnit.SECONDS);
    liar.dial(judge);
    awaitChecked("mesh", WAIT, () -> judge.mesh(TOPIC).contains(liar.id()));

    liar.publish(TOPIC, payload("good 1"));
    await("a valid message is delivered", WAIT, () -> judge.received.size() == 1);
    liar.publish(TOPIC, payload("bad 1"));
    await("rejected", WAIT, () -> judge.events.get("reject") == 1);
    assertThat(judge.score(liar)).isEqualTo(-100);
    awaitChecked("pruned for its negative score", WAIT, () -> !judge.mesh(TOPIC).contains(liar.id()));
    assertThat(judge.events.get("prune-sent")).isPositive();
    awaitChecked("the liar saw the PRUNE", WAIT, () -> !liar.mesh(TOPIC).contains(judge.id()));

    for (int i = 2; i <= 4; i++) {
      liar.publish(TOPIC, payload("bad " + i));
    }
    await("4 rejections", WAIT, () -> judge.events.get("reject") == 4);
    assertThat(judge.score(liar)).isEqualTo(-1600);
    liar.publish(TOPIC, payload("good 2")); // graylisted: ignored, not even validated
    Thread.sleep(500);
    assertThat(judge.received).hasSize(1);
    assertThat(judge.events.get("reject")).isEqualTo(4);
    assertThat(judge.mesh(TOPIC)).doesNotContain(liar.id());
  }

  private static byte[] uncompress(byte[] data) {
    try {
      return Snappy.uncompress(data);
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  @Test
  void aPeerThatMissedAMessageGetsItThroughIHaveAndIWant() throws Exception {
    // relay keeps a mesh of one (the publisher): the latecomer is refused from its mesh and only gets gossip
    GossipConfig gossipLonger = GossipNode.fastConfig().withHeartbeat(Duration.ofMillis(100), 60, 50);
    GossipNode publisher = node(gossipLonger);
    GossipNode relay = node(gossipLonger.withDegrees(1, 1, 1, 1, 0, 6));
    GossipNode latecomer = node(gossipLonger);
    publisher.subscribe(TOPIC);
    relay.subscribe(TOPIC);
    publisher.dial(relay);
    awaitChecked("publisher-relay mesh", WAIT, () -> relay.mesh(TOPIC).contains(publisher.id()));
    MessageId id = publisher.publish(TOPIC, payload("missed")).id();
    await("relay got it", WAIT, () -> relay.received.size() == 1);

    latecomer.subscribe(TOPIC);
    latecomer.dial(relay); // after the message went by; the relay's mesh is full, so the GRAFT is refused
    await("the latecomer recovers the message", WAIT, () -> latecomer.received.size() == 1);
    assertThat(latecomer.received.peek().id()).isEqualTo(id);
    assertThat(latecomer.events.get("ihave-received")).isPositive();
    assertThat(latecomer.events.get("iwant-sent")).isPositive();
    assertThat(relay.events.get("iwant-received")).isPositive();
    assertThat(relay.mesh(TOPIC)).containsExactly(publisher.id());
  }
}
