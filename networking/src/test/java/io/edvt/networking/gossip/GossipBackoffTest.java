package io.edvt.networking.gossip;

import static io.edvt.networking.gossip.GossipNode.awaitChecked;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.scoring.PeerScoreParams;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PRUNE backoff against a hand-driven peer: honoured by our GRAFTs, enforced against the peer's. */
class GossipBackoffTest {
  private static final String TOPIC = "t";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void noGraftDuringABackoffAndAGraftDuringOursCostsBehaviourPenalty() throws Exception {
    GossipConfig config = GossipNode.fastConfig()
        .withScoring(PeerScoreParams.defaults().withBehaviourPenalty(-10, 0, 0.9), GossipNode.fastConfig().scoreThresholds());
    try (GossipNode node = new GossipNode(config); RawGossipPeer raw = new RawGossipPeer(GossipConfig.MESHSUB_V11)) {
      node.subscribe(TOPIC);
      raw.connect(node, GossipConfig.MESHSUB_V11);
      raw.send(new Rpc(List.of(new Rpc.SubOpts(true, TOPIC)), List.of(), null));
      assertThat(raw.next(5000, c -> !c.graft().isEmpty())).as("the node grafts a new topic peer").isNotNull();
      awaitChecked("raw in the mesh", WAIT, () -> node.mesh(TOPIC).contains(raw.id()));

      long pruned = System.nanoTime();
      raw.send(RawGossipPeer.control(List.of(), List.of(new Rpc.Prune(TOPIC, List.of(), 1L))));
      awaitChecked("raw out of the mesh", WAIT, () -> !node.mesh(TOPIC).contains(raw.id()));
      RawGossipPeer.Received regraft = raw.next(5000, c -> !c.graft().isEmpty());
      assertThat(regraft).as("the node grafts again once the 1 s backoff is over").isNotNull();
      assertThat((regraft.nanos() - pruned) / 1_000_000).as("ms from PRUNE to the next GRAFT").isGreaterThanOrEqualTo(1000);
      assertThat(node.score(raw.id())).isZero();

      raw.send(RawGossipPeer.control(List.of(), List.of(new Rpc.Prune(TOPIC, List.of(), 60L))));
      raw.send(RawGossipPeer.control(List.of(new Rpc.Graft(TOPIC)), List.of()));
      RawGossipPeer.Received refusal = raw.next(5000, c -> !c.prune().isEmpty());
      assertThat(refusal).as("a GRAFT during the backoff is answered with PRUNE").isNotNull();
      assertThat(refusal.rpc().control().prune().getFirst().backoffSeconds()).isEqualTo(60L);
      // P7: one for grafting in the backoff, one more for doing it within the flood threshold; (2 - 0)^2 x -10
      assertThat(node.score(raw.id())).isEqualTo(-40);
      assertThat(node.mesh(TOPIC)).doesNotContain(raw.id());
    }
  }

  @Test
  void peerExchangeIsSentWithAPruneOfAFullMeshAndTakenFromAWellScoredPeer() throws Exception {
    GossipConfig one = GossipNode.fastConfig().withDegrees(1, 1, 1, 1, 0, 6)
        .withScoring(PeerScoreParams.defaults().withAppSpecific(p -> 200, 1), GossipNode.fastConfig().scoreThresholds());
    try (GossipNode node = new GossipNode(one); GossipNode other = new GossipNode(GossipNode.fastConfig());
        RawGossipPeer raw = new RawGossipPeer(GossipConfig.MESHSUB_V11)) {
      node.subscribe(TOPIC);
      other.subscribe(TOPIC);
      node.dial(other);
      awaitChecked("node's mesh is the other node", WAIT, () -> node.mesh(TOPIC).contains(other.id()));
      raw.connect(node, GossipConfig.MESHSUB_V11);
      raw.send(new Rpc(List.of(new Rpc.SubOpts(true, TOPIC)), List.of(), null));
      raw.send(RawGossipPeer.control(List.of(new Rpc.Graft(TOPIC)), List.of()));
      RawGossipPeer.Received prune = raw.next(5000, c -> !c.prune().isEmpty());
      assertThat(prune).as("a GRAFT into a full mesh is answered with PRUNE").isNotNull();
      assertThat(prune.rpc().control().prune().getFirst().peers()).extracting(i -> PeerId.fromBytes(i.peerId()))
          .containsExactly(other.id());

      // raw's score is 200 (app-specific), above the PX threshold of 100: its peer exchange reaches the peer manager
      PeerId offered = Secp256k1PrivateKey.generate(new java.security.SecureRandom()).publicKey().peerId();
      raw.send(RawGossipPeer.control(List.of(), List.of(new Rpc.Prune(TOPIC,
          List.of(new Rpc.PeerInfo(offered.toBytes(), null), new Rpc.PeerInfo(new byte[] {1, 2, 3}, null)), 10L))));
      GossipNode.await("peer exchange", WAIT, () -> !node.exchanged.isEmpty());
      assertThat(node.exchanged.peek()).containsExactly(raw.id(), offered);
    }
  }

  @Test
  void aMeshWithALowMedianScoreGraftsABetterPeerOpportunistically() throws Exception {
    try (RawGossipPeer good = new RawGossipPeer(GossipConfig.MESHSUB_V11)) {
      // mesh peers score 1 (median 1, below the opportunistic graft threshold of 5); the raw peer scores 10
      GossipConfig config = GossipNode.fastConfig().withDegrees(2, 2, 3, 2, 0, 6).withOpportunisticGraft(5, 2)
          .withScoring(PeerScoreParams.defaults().withAppSpecific(p -> p.equals(good.id()) ? 10 : 1, 1),
              GossipNode.fastConfig().scoreThresholds());
      try (GossipNode node = new GossipNode(config); GossipNode a = new GossipNode(GossipNode.fastConfig());
          GossipNode b = new GossipNode(GossipNode.fastConfig())) {
        node.subscribe(TOPIC);
        a.subscribe(TOPIC);
        b.subscribe(TOPIC);
        node.dial(a);
        node.dial(b);
        awaitChecked("mesh of a and b", WAIT, () -> node.mesh(TOPIC).size() == 2);
        good.connect(node, GossipConfig.MESHSUB_V11); // inbound: not grafted for D_out; the mesh is at D already
        good.send(new Rpc(List.of(new Rpc.SubOpts(true, TOPIC)), List.of(), null));
        assertThat(good.next(5000, c -> !c.graft().isEmpty())).as("opportunistic GRAFT").isNotNull();
        awaitChecked("the better peer is in the mesh", WAIT, () -> node.mesh(TOPIC).contains(good.id()));
        assertThat(node.mesh(TOPIC)).hasSize(3);
      }
    }
  }
}
