package io.edvt.simulator.netmodel;

import java.util.SplittableRandom;

/**
 * When messages arrive (all times in milliseconds into the slot):
 *
 * <ul>
 *   <li>a proposer (or a group's leader) publishes its block {@code build} after it starts, plus,
 *       if its node is slow in that slot (probability {@code slowProbability}), a further
 *       {@code slowExtra}: the late-block process;
 *   <li>each gossip message reaches each node after an independent {@code propagation} delay
 *       (blocks on {@code beacon_block}, proposals and sign-offs on the member topics alike);
 *   <li>a member validates a proposal in {@code validation} before signing it off.
 * </ul>
 *
 * {@code slowProbability} is calibrated ({@link #calibrated}) so that a given share of slots is
 * <em>late</em>: the block of a plain proposer reaches the median node after the attestation
 * deadline.
 */
public record NetworkModel(Dist build, Dist slowExtra, double slowProbability, Dist propagation, Dist validation,
    double attestationDeadlineMs) {

  /** Publication time of a block (or proposal) whose builder starts at {@code startMs}. */
  public double publishMs(double startMs, SplittableRandom random) {
    double t = startMs + build.sample(random);
    if (random.nextDouble() < slowProbability) {
      t += slowExtra.sample(random);
    }
    return t;
  }

  public double propagationMs(SplittableRandom random) {
    return propagation.sample(random);
  }

  public double validationMs(SplittableRandom random) {
    return validation.sample(random);
  }

  public NetworkModel withSlowProbability(double p) {
    return new NetworkModel(build, slowExtra, p, propagation, validation, attestationDeadlineMs);
  }

  public NetworkModel withPropagation(Dist p) {
    return new NetworkModel(build, slowExtra, slowProbability, p, validation, attestationDeadlineMs);
  }

  /**
   * The share of plain proposers' slots whose block reaches the median node after the deadline,
   * estimated from {@code samples} draws.
   */
  public double lateShare(int samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int late = 0;
    double medianPropagation = propagation.median();
    for (int i = 0; i < samples; i++) {
      if (publishMs(0, random) + medianPropagation >= attestationDeadlineMs) {
        late++;
      }
    }
    return (double) late / samples;
  }

  /** This model with {@code slowProbability} set (by bisection) so that {@link #lateShare} is {@code target}. */
  public NetworkModel calibrated(double target, long seed) {
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 30; i++) {
      double mid = (lo + hi) / 2;
      if (withSlowProbability(mid).lateShare(200_000, seed) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return withSlowProbability((lo + hi) / 2);
  }

  public String describe() {
    return String.format("build %s; slow proposer node with probability %.4f, then %s more; propagation %s; "
        + "validation %s; attestation deadline %.0f ms", build.describe(), slowProbability, slowExtra.describe(),
        propagation.describe(), validation.describe(), attestationDeadlineMs);
  }
}
