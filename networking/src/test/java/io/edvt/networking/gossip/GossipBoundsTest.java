package io.edvt.networking.gossip;

import static io.edvt.networking.gossip.GossipNode.await;
import static io.edvt.networking.gossip.GossipNode.awaitChecked;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcLimits;
import io.edvt.networking.gossip.scoring.PeerScoreParams;
import io.edvt.networking.gossip.scoring.TopicScoreParams;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.encoding.UVarint;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a misbehaving peer cannot do: exceed the frame size, the subscription and validation bounds, or sign messages. */
class GossipBoundsTest {
  private static final String TOPIC = "t";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aFrameOverTheSizeLimitResetsThePeersStream() throws Exception {
    GossipConfig config = GossipNode.fastConfig().withLimits(RpcLimits.defaults(1000), 1 << 20);
    try (GossipNode node = new GossipNode(config); RawGossipPeer raw = new RawGossipPeer(GossipConfig.MESHSUB_V12)) {
      raw.connect(node, GossipConfig.MESHSUB_V12);
      int tooBig = config.limits().maxRpcSize() + 1;
      raw.sendRaw(Unpooled.wrappedBuffer(UVarint.encode(tooBig), new byte[16]));
      StreamClosedException cause = raw.outClosed.get(5, TimeUnit.SECONDS);
      assertThat(cause.kind()).isEqualTo(StreamClosedException.Kind.RESET_BY_REMOTE);
    }
  }

  @Test
  void subscriptionsBeyondThePerPeerLimitAreIgnored() throws Exception {
    try (GossipNode node = new GossipNode(GossipNode.fastConfig());
        RawGossipPeer raw = new RawGossipPeer(GossipConfig.MESHSUB_V12)) {
      raw.connect(node, GossipConfig.MESHSUB_V12);
      List<Rpc.SubOpts> subs = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        subs.add(new Rpc.SubOpts(true, "topic-" + i));
      }
      raw.send(new Rpc(subs.subList(0, 300), List.of(), null));
      raw.send(new Rpc(subs.subList(300, 600), List.of(), null));
      awaitChecked("the first 512 topics known", WAIT,
          () -> node.gossip.topicPeers("topic-511").get(5, TimeUnit.SECONDS).contains(raw.id()));
      Thread.sleep(200);
      assertThat(node.gossip.topicPeers("topic-512").get(5, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void messagesBeyondThePendingValidationsAreIgnoredAndMayComeAgain() throws Exception {
    try (GossipNode node = new GossipNode(GossipNode.fastConfig().withMaxPendingValidations(3));
        RawGossipPeer raw = new RawGossipPeer(GossipConfig.MESHSUB_V12)) {
      List<CompletableFuture<ValidationResult>> pending = new ArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      node.gossip.setValidator(TOPIC, m -> {
        calls.incrementAndGet();
        CompletableFuture<ValidationResult> f = new CompletableFuture<>();
        synchronized (pending) {
          pending.add(f);
        }
        return f;
      }).get();
      node.subscribe(TOPIC);
      raw.connect(node, GossipConfig.MESHSUB_V12);
      List<Rpc.Message> five = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        five.add(Rpc.Message.unsigned(TOPIC, new byte[] {(byte) i}));
      }
      raw.send(Rpc.ofMessages(five));
      await("two ignored", WAIT, () -> node.events.get("ignore") == 2);
      assertThat(calls.get()).isEqualTo(3);
      synchronized (pending) {
        pending.forEach(f -> f.complete(ValidationResult.ACCEPT));
      }
      await("three delivered", WAIT, () -> node.received.size() == 3);
      raw.send(Rpc.ofMessages(five.subList(3, 5))); // the ignored ones were not marked seen
      await("validated now", WAIT, () -> calls.get() == 5);
    }
  }

  @Test
  void aSignedMessageIsRejectedUnderStrictNoSignAndCountsAsInvalid() throws Exception {
    // slow decay: at the default 1 s interval P4 halves between the rejection and the check on a loaded machine
    PeerScoreParams score = PeerScoreParams.defaults().withDecayInterval(Duration.ofSeconds(30))
        .withTopics(Map.of(TOPIC, TopicScoreParams.invalidOnly(1)));
    GossipConfig config = GossipNode.fastConfig().withScoring(score, GossipNode.fastConfig().scoreThresholds());
    try (GossipNode node = new GossipNode(config); RawGossipPeer raw = new RawGossipPeer(GossipConfig.MESHSUB_V12)) {
      node.subscribe(TOPIC);
      raw.connect(node, GossipConfig.MESHSUB_V12);
      raw.send(Rpc.ofMessages(List.of(new Rpc.Message(null, new byte[] {1}, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, TOPIC,
          null, null))));
      await("rejected", WAIT, () -> node.events.get("reject") == 1);
      assertThat(node.received).isEmpty();
      assertThat(node.score(raw.id())).isEqualTo(-100);
    }
  }
}
