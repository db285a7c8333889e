package io.edvt.networking.gossip.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each score component against the v1.1 formulas, on a manual clock. */
class PeerScoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String T = "topic";
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final PeerId a = peer();
  private final PeerId b = peer();

  private static PeerId peer() {
    return Secp256k1PrivateKey.generate(RANDOM).publicKey().peerId();
  }

  /** P1 weight 1 per second (cap 10), P2 weight 2 (cap 5, decay 0.5), P3 weight -1 threshold 4 after 2 s, P3b -1, P4 -10. */
  private static TopicScoreParams topic() {
    return new TopicScoreParams(0.5, 1, Duration.ofSeconds(1), 10, 2, 0.5, 5, -1, 0.5, 4, 10, Duration.ofSeconds(2),
        Duration.ofMillis(100), -1, 0.5, -10, 0.5);
  }

  private PeerScore score(PeerScoreParams p) {
    PeerScore s = new PeerScore(p, now::get);
    s.addPeer(a, "10.0.0.1");
    s.addPeer(b, "10.0.0.2");
    return s;
  }

  private static PeerScoreParams params() {
    return PeerScoreParams.defaults().withTopics(Map.of(T, topic())).withDecayInterval(Duration.ofSeconds(1));
  }

  private static MessageId id(int n) {
    return MessageId.wrap(new byte[] {(byte) n});
  }

  @Test
  void timeInMeshCountsQuantaUpToTheCap() {
    PeerScore s = score(params());
    s.graft(a, T);
    now.addAndGet(1500);
    assertThat(s.score(a)).isCloseTo(0.5 * 1.5, within(1e-9)); // P3 not active before 2 s
    now.addAndGet(60_000);
    // capped at 10 quanta; P3 active now with 0 of 4 deliveries: -16
    assertThat(s.score(a)).isCloseTo(0.5 * (10 - 16), within(1e-9));
  }

  @Test
  void firstDeliveriesCountAndDecay() {
    PeerScore s = score(params());
    for (int i = 0; i < 7; i++) {
      s.validateMessage(id(i));
      s.deliverMessage(a, id(i), T);
    }
    assertThat(s.score(a)).isCloseTo(0.5 * 2 * 5, within(1e-9)); // capped at 5
    now.addAndGet(1000);
    s.refresh();
    assertThat(s.score(a)).isCloseTo(0.5 * 2 * 2.5, within(1e-9));
  }

  @Test
  void meshDeliveryDeficitIsPenalisedAndLeavingTheMeshWithItCostsP3b() {
    PeerScore s = score(params());
    s.graft(a, T);
    s.graft(b, T);
    now.addAndGet(3000);
    s.validateMessage(id(1));
    s.duplicateMessage(b, id(1), T); // b delivers while the message is being validated
    s.deliverMessage(a, id(1), T);
    now.addAndGet(50);
    s.duplicateMessage(b, id(1), T); // counted once only
    double p1 = 3.05;
    assertThat(s.score(a)).isCloseTo(0.5 * (p1 + 2 - 9), within(1e-9)); // P1 + P2 (1 first delivery) + P3 (deficit 3)
    assertThat(s.score(b)).isCloseTo(0.5 * (p1 - 9), within(1e-9)); // near-first delivery counts for P3, not P2
    s.prune(b, T);
    assertThat(s.score(b)).isCloseTo(0.5 * -9, within(1e-9)); // P3b: deficit squared, weight -1
  }

  @Test
  void duplicatesOutsideTheWindowDoNotCount() {
    PeerScore s = score(params());
    s.graft(b, T);
    now.addAndGet(3000);
    s.validateMessage(id(1));
    s.deliverMessage(a, id(1), T);
    now.addAndGet(101);
    s.duplicateMessage(b, id(1), T);
    assertThat(s.score(b)).isCloseTo(0.5 * (3.101 - 16), within(1e-9));
  }

  @Test
  void rejectionPenalisesTheSenderAndEveryoneWhoSentItDuringValidation() {
    PeerScore s = score(params());
    s.validateMessage(id(1));
    s.duplicateMessage(b, id(1), T);
    s.rejectMessage(a, id(1), T);
    assertThat(s.score(a)).isCloseTo(0.5 * -10, within(1e-9));
    assertThat(s.score(b)).isCloseTo(0.5 * -10, within(1e-9));
    s.rejectInvalidMessage(a, T);
    assertThat(s.score(a)).isCloseTo(0.5 * -10 * 4, within(1e-9)); // P4 is squared
    s.duplicateMessage(peer(), id(1), T); // unknown peer: nothing
  }

  @Test
  void ignoredMessagesCostNothing() {
    PeerScore s = score(params());
    s.validateMessage(id(1));
    s.duplicateMessage(b, id(1), T);
    s.ignoreMessage(id(1));
    s.duplicateMessage(b, id(1), T);
    assertThat(s.score(a)).isZero();
    assertThat(s.score(b)).isZero();
  }

  @Test
  void topicScoreCapLimitsThePositiveSumOverTopics() {
    TopicScoreParams noP3 = new TopicScoreParams(0.5, 1, Duration.ofSeconds(1), 10, 2, 0.5, 5, 0, 0.5, 0, 10,
        Duration.ofSeconds(2), Duration.ofMillis(100), -1, 0.5, -10, 0.5);
    PeerScore s = score(PeerScoreParams.defaults().withTopics(Map.of(T, noP3)).withTopicScoreCap(1));
    s.graft(a, T);
    now.addAndGet(1900);
    assertThat(s.score(a)).isCloseTo(0.95, within(1e-9));
    now.addAndGet(3000);
    assertThat(s.score(a)).isEqualTo(1); // 0.5 x 4.9 capped at 1
    s.rejectInvalidMessage(a, T);
    assertThat(s.score(a)).isCloseTo(0.5 * (4.9 - 10), within(1e-9)); // below the cap: not capped
  }

  @Test
  void applicationScoreColocationAndBehaviourPenalty() {
    PeerScoreParams p = params().withAppSpecific(peer -> peer.equals(a) ? 3 : 0, 2).withIpColocation(-5, 1)
        .withBehaviourPenalty(-1, 2, 0.5);
    PeerScore s = score(p);
    assertThat(s.score(a)).isEqualTo(6); // P5
    PeerId c = peer();
    PeerId d = peer();
    s.addPeer(c, "10.0.0.9");
    s.addPeer(d, "10.0.0.9");
    assertThat(s.score(c)).isEqualTo(-5); // P6: surplus 1 over the threshold 1
    s.addPenalty(b, 5);
    assertThat(s.score(b)).isEqualTo(-9); // P7: (5 - 2)^2
    now.addAndGet(1000);
    s.refresh();
    assertThat(s.score(b)).isEqualTo(-0.25); // decayed to 2.5
  }

  @Test
  void aNegativeScoreIsRetainedAfterDisconnectionAndAPositiveOneForgotten() {
    PeerScore s = score(params());
    s.rejectInvalidMessage(a, T);
    s.validateMessage(id(1));
    s.deliverMessage(b, id(1), T);
    s.removePeer(a);
    s.removePeer(b);
    assertThat(s.trackedPeers()).isEqualTo(1);
    s.addPeer(a, "10.0.0.1");
    assertThat(s.score(a)).isNegative();
    s.removePeer(a);
    now.addAndGet(Duration.ofMinutes(6).toMillis());
    s.refresh();
    assertThat(s.trackedPeers()).isZero();
    assertThat(s.deliveryRecords()).isZero();
  }

  @Test
  void refusesParametersWithTheWrongSign() {
    assertThatThrownBy(() -> new TopicScoreParams(1, 1, Duration.ofSeconds(1), 1, 1, 0.5, 1, 1, 0.5, 1, 1,
        Duration.ofSeconds(1), Duration.ofSeconds(1), -1, 0.5, -1, 0.5)).hasMessageContaining("meshMessageDeliveriesWeight");
    assertThatThrownBy(() -> new PeerScoreThresholds(-1, -2, -1, 0, 0)).hasMessageContaining("graylistThreshold");
    assertThat(Set.of(PeerScoreThresholds.ETH2.graylistThreshold())).containsExactly(-16000.0);
  }
}
