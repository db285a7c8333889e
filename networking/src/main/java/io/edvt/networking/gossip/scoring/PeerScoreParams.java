package io.edvt.networking.gossip.scoring;

import io.edvt.networking.transport.crypto.PeerId;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Peer score parameters (gossipsub v1.1): per-topic parameters, the topic score cap, the
 * application-specific score P5, IP colocation P6 and behaviour penalty P7, decay and retention.
 * The eth2 layer fills it from the consensus specs' recommendations; topics absent from
 * {@code topics} add nothing to a score.
 *
 * @param topics per-topic parameters (P1-P4, P3b) by topic string
 * @param topicScoreCap the positive part of the topic sum is capped here (0: no cap)
 * @param appSpecificScore P5, from the application (e.g. the peer manager)
 * @param appSpecificWeight P5 weight
 * @param ipColocationFactorWeight P6 weight (negative)
 * @param ipColocationFactorThreshold P6: more peers than this from one IP are penalised by the square of the surplus
 * @param ipColocationFactorWhitelist IPs (as {@link java.net.InetAddress#getHostAddress()}) exempt from P6
 * @param behaviourPenaltyWeight P7 weight (negative)
 * @param behaviourPenaltyThreshold P7 applies above this count
 * @param behaviourPenaltyDecay P7 decay
 * @param decayInterval how often counters decay
 * @param decayToZero counters below this become 0
 * @param retainScore how long a disconnected peer's score is remembered
 */
public record PeerScoreParams(Map<String, TopicScoreParams> topics, double topicScoreCap,
    ToDoubleFunction<PeerId> appSpecificScore, double appSpecificWeight, double ipColocationFactorWeight,
    int ipColocationFactorThreshold, Set<String> ipColocationFactorWhitelist, double behaviourPenaltyWeight,
    double behaviourPenaltyThreshold, double behaviourPenaltyDecay, Duration decayInterval, double decayToZero,
    Duration retainScore) {
  public PeerScoreParams {
    topics = Map.copyOf(topics);
    ipColocationFactorWhitelist = Set.copyOf(ipColocationFactorWhitelist);
    TopicScoreParams.check(topicScoreCap >= 0, "topicScoreCap must be >= 0");
    TopicScoreParams.check(ipColocationFactorWeight <= 0, "ipColocationFactorWeight must be <= 0");
    TopicScoreParams.check(ipColocationFactorWeight == 0 || ipColocationFactorThreshold >= 1,
        "ipColocationFactorThreshold must be >= 1");
    TopicScoreParams.check(behaviourPenaltyWeight <= 0, "behaviourPenaltyWeight must be <= 0");
    TopicScoreParams.check(behaviourPenaltyDecay > 0 && behaviourPenaltyDecay < 1, "behaviourPenaltyDecay must be in (0, 1)");
    TopicScoreParams.check(decayInterval.toMillis() >= 1, "decayInterval must be at least 1 ms");
    TopicScoreParams.check(decayToZero > 0 && decayToZero < 1, "decayToZero must be in (0, 1)");
  }

  /**
   * No topic parameters, P6 off, P7 at weight -10 above 6 with decay 0.9 per second: grafting during
   * a backoff and broken IWANT promises still cost; every other component is zero.
   */
  public static PeerScoreParams defaults() {
    return new PeerScoreParams(Map.of(), 0, p -> 0, 0, 0, 1, Set.of(), -10, 6, 0.9, Duration.ofSeconds(1), 0.01,
        Duration.ofMinutes(5));
  }

  public PeerScoreParams withTopics(Map<String, TopicScoreParams> t) {
    return new PeerScoreParams(t, topicScoreCap, appSpecificScore, appSpecificWeight, ipColocationFactorWeight,
        ipColocationFactorThreshold, ipColocationFactorWhitelist, behaviourPenaltyWeight, behaviourPenaltyThreshold,
        behaviourPenaltyDecay, decayInterval, decayToZero, retainScore);
  }

  public PeerScoreParams withIpColocation(double weight, int threshold) {
    return new PeerScoreParams(topics, topicScoreCap, appSpecificScore, appSpecificWeight, weight, threshold,
        ipColocationFactorWhitelist, behaviourPenaltyWeight, behaviourPenaltyThreshold, behaviourPenaltyDecay,
        decayInterval, decayToZero, retainScore);
  }

  public PeerScoreParams withBehaviourPenalty(double weight, double threshold, double decay) {
    return new PeerScoreParams(topics, topicScoreCap, appSpecificScore, appSpecificWeight, ipColocationFactorWeight,
        ipColocationFactorThreshold, ipColocationFactorWhitelist, weight, threshold, decay, decayInterval, decayToZero,
        retainScore);
  }

  public PeerScoreParams withAppSpecific(ToDoubleFunction<PeerId> score, double weight) {
    return new PeerScoreParams(topics, topicScoreCap, score, weight, ipColocationFactorWeight,
        ipColocationFactorThreshold, ipColocationFactorWhitelist, behaviourPenaltyWeight, behaviourPenaltyThreshold,
        behaviourPenaltyDecay, decayInterval, decayToZero, retainScore);
  }

  public PeerScoreParams withDecayInterval(Duration interval) {
    return new PeerScoreParams(topics, topicScoreCap, appSpecificScore, appSpecificWeight, ipColocationFactorWeight,
        ipColocationFactorThreshold, ipColocationFactorWhitelist, behaviourPenaltyWeight, behaviourPenaltyThreshold,
        behaviourPenaltyDecay, interval, decayToZero, retainScore);
  }

  public PeerScoreParams withTopicScoreCap(double cap) {
    return new PeerScoreParams(topics, cap, appSpecificScore, appSpecificWeight, ipColocationFactorWeight,
        ipColocationFactorThreshold, ipColocationFactorWhitelist, behaviourPenaltyWeight, behaviourPenaltyThreshold,
        behaviourPenaltyDecay, decayInterval, decayToZero, retainScore);
  }
}
