package io.edvt.networking.gossip.scoring;

import java.time.Duration;

/**
 * Score parameters of one topic (gossipsub v1.1, "Topic Parameter Calculation"). Weights of the
 * penalties P3, P3b and P4 are negative; decays are factors in (0, 1) applied every
 * {@link PeerScoreParams#decayInterval()}.
 *
 * @param topicWeight the topic's weight in the sum over topics
 * @param timeInMeshWeight P1 weight (positive)
 * @param timeInMeshQuantum P1 counts whole quanta of time in the mesh
 * @param timeInMeshCap P1 cap (in quanta)
 * @param firstMessageDeliveriesWeight P2 weight (positive)
 * @param firstMessageDeliveriesDecay P2 decay
 * @param firstMessageDeliveriesCap P2 counter cap
 * @param meshMessageDeliveriesWeight P3 weight (negative; 0 turns P3 off)
 * @param meshMessageDeliveriesDecay P3 decay
 * @param meshMessageDeliveriesThreshold P3: fewer deliveries than this in the mesh are penalised by the square of the deficit
 * @param meshMessageDeliveriesCap P3 counter cap
 * @param meshMessageDeliveriesActivation P3 applies only after this long in the mesh
 * @param meshMessageDeliveriesWindow a duplicate within this time after the first delivery still counts as a mesh delivery
 * @param meshFailurePenaltyWeight P3b weight (negative)
 * @param meshFailurePenaltyDecay P3b decay
 * @param invalidMessageDeliveriesWeight P4 weight (negative)
 * @param invalidMessageDeliveriesDecay P4 decay
 */
public record TopicScoreParams(double topicWeight, double timeInMeshWeight, Duration timeInMeshQuantum,
    double timeInMeshCap, double firstMessageDeliveriesWeight, double firstMessageDeliveriesDecay,
    double firstMessageDeliveriesCap, double meshMessageDeliveriesWeight, double meshMessageDeliveriesDecay,
    double meshMessageDeliveriesThreshold, double meshMessageDeliveriesCap, Duration meshMessageDeliveriesActivation,
    Duration meshMessageDeliveriesWindow, double meshFailurePenaltyWeight, double meshFailurePenaltyDecay,
    double invalidMessageDeliveriesWeight, double invalidMessageDeliveriesDecay) {
  public TopicScoreParams {
    check(topicWeight >= 0, "topicWeight must be >= 0");
    check(timeInMeshWeight >= 0 && timeInMeshCap >= 0, "timeInMesh weight and cap must be >= 0");
    check(!timeInMeshQuantum.isNegative() && !timeInMeshQuantum.isZero(), "timeInMeshQuantum must be positive");
    check(firstMessageDeliveriesWeight >= 0 && firstMessageDeliveriesCap >= 0, "firstMessageDeliveries weight and cap must be >= 0");
    check(meshMessageDeliveriesWeight <= 0, "meshMessageDeliveriesWeight must be <= 0");
    check(meshFailurePenaltyWeight <= 0, "meshFailurePenaltyWeight must be <= 0");
    check(invalidMessageDeliveriesWeight <= 0, "invalidMessageDeliveriesWeight must be <= 0");
    check(decay(firstMessageDeliveriesDecay) && decay(meshMessageDeliveriesDecay) && decay(meshFailurePenaltyDecay)
        && decay(invalidMessageDeliveriesDecay), "decays must be in (0, 1)");
    check(meshMessageDeliveriesThreshold >= 0 && meshMessageDeliveriesCap >= meshMessageDeliveriesThreshold,
        "meshMessageDeliveries: need 0 <= threshold <= cap");
  }

  /** A topic that only counts invalid messages (P4, weight -100 with decay 0.5): a useful minimum for tests. */
  public static TopicScoreParams invalidOnly(double topicWeight) {
    return new TopicScoreParams(topicWeight, 0, Duration.ofSeconds(1), 0, 0, 0.5, 0, 0, 0.5, 0, 0,
        Duration.ofSeconds(1), Duration.ofMillis(10), 0, 0.5, -100, 0.5);
  }

  private static boolean decay(double d) {
    return d > 0 && d < 1;
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("invalid score parameter: " + what);
    }
  }
}
