package io.edvt.simulator.scenario;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.report.Charts;
import io.edvt.simulator.report.Progress;
import io.edvt.simulator.report.Section;
import io.edvt.simulator.report.Table;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code light-client}: the probability per sync committee period that an adversary with stake
 * share {@code a} holds at least 342 of the 512 seats. Exact: under one seat per draw the seats are
 * independent, so the count is Binomial(512, a) (the tail is summed in log space); the rejected
 * layout (a group accepted with 1/n of the weight fills n seats) by the dynamic programme of
 * {@code eip-draft/scripts/sync_committee_tail.py}. Simulated: the real
 * {@code get_next_sync_committee_indices} on a state where the adversary's stake is in 16-member
 * groups, one committee per random seed.
 */
public final class LightClient implements Scenario {
  public static final String NAME = "light-client";
  public static final int SEATS = 512;
  public static final int SUPERMAJORITY = (2 * SEATS + 2) / 3;

  @Override
  public String name() {
    return NAME;
  }

  /** {@code P(Binomial(seats, a) >= k)}, in log space (exact to double precision far into the tail). */
  public static double binomialTail(int seats, double a, int k) {
    double[] logs = new double[seats + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = k; i <= seats; i++) {
      logs[i] = logChoose(seats, i) + i * Math.log(a) + (seats - i) * Math.log1p(-a);
      max = Math.max(max, logs[i]);
    }
    double sum = 0;
    for (int i = k; i <= seats; i++) {
      sum += Math.exp(logs[i] - max);
    }
    return Math.exp(max + Math.log(sum));
  }

  static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  /**
   * The tail under the rejected layout (blocks of {@code n} seats), adversary stake {@code a} all
   * in groups, a share {@code g} of all stake in groups: {@code tail_blocks} of the script.
   */
  public static double blocksTail(double a, double g, int n) {
    double advGroup = Math.min(a, g) / n;
    double advPlain = a - Math.min(a, g);
    double honestGroup = (g - Math.min(a, g)) / n;
    double honestPlain = 1 - g - advPlain;
    double z = advGroup + advPlain + honestGroup + honestPlain;
    double[][] steps = {{advGroup / z, n, 1}, {advPlain / z, 1, 1}, {honestGroup / z, n, 0}, {honestPlain / z, 1, 0}};
    // dist[filled][adv]
    double[][] dist = new double[SEATS + 1][SEATS + 1];
    dist[0][0] = 1;
    double tail = 0;
    for (int filled = 0; filled < SEATS; filled++) {
      for (int adv = 0; adv <= filled; adv++) {
        double pr = dist[filled][adv];
        if (pr == 0) {
          continue;
        }
        for (double[] step : steps) {
          if (step[0] <= 0) {
            continue;
          }
          int take = (int) Math.min(step[1], SEATS - filled);
          int f = filled + take;
          int a2 = adv + (step[2] == 1 ? take : 0);
          if (f >= SEATS) {
            if (a2 >= SUPERMAJORITY) {
              tail += pr * step[0];
            }
          } else {
            dist[f][a2] += pr * step[0];
          }
        }
      }
    }
    return tail;
  }

  /** Seat counts of the adversary in {@code periods} committees drawn by the real selection code. */
  public static int[] simulate(double a, int groupSize, int validators, int periods, long seed, Progress progress) {
    int adversaryGroups = (int) Math.round(a * validators);
    Population pop = new Population().groups("adversary", adversaryGroups, groupSize, groupSize)
        .plain("honest", validators - adversaryGroups, 32 * groupSize);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    SpecEdvt spec = start.spec();
    MutableBeaconState state = new MutableBeaconState(start.state());
    int mixIndex = (int) Math.floorMod(spec.accessors().getCurrentEpoch(state).longValue() + 1
        - spec.config().minSeedLookahead() - 1, (long) spec.config().epochsPerHistoricalVector());
    SplittableRandom random = new SplittableRandom(seed);
    int[] counts = new int[periods];
    for (int p = 0; p < periods; p++) {
      byte[] mix = new byte[32];
      for (int i = 0; i < 32; i += 8) {
        long r = random.nextLong();
        for (int b = 0; b < 8; b++) {
          mix[i + b] = (byte) (r >>> (8 * b));
        }
      }
      MutableBeaconState view = new MutableBeaconState(start.state());
      view.randaoMixes().set(mixIndex, Bytes32.wrap(mix));
      long[] seats = spec.epochProcessor().syncCommittee().getNextSyncCommitteeIndices(view);
      int adv = 0;
      for (long s : seats) {
        adv += start.groupOf((int) VirtualIndex.validatorIndexOf(s)) >= 0 ? 1 : 0;
      }
      counts[p] = adv;
      if (progress != null) {
        progress.step();
      }
    }
    UInt64.valueOf(0);
    return counts;
  }

  @Override
  public Section run(ScenarioContext context) {
    Params p = context.params(NAME);
    List<Double> fractions = p.nums("stake_fractions");
    int n = p.integer("group_size");
    int periods = p.integer("periods");
    int validators = p.integer("validators");
    Progress progress = context.progress(NAME + " (full stack selection)", (long) fractions.size() * periods);
    Section section = new Section(NAME, "Light-client supermajority tail");
    section.question = "What is the probability per sync committee period that an adversary with stake share a holds at "
        + "least 342 of the 512 seats, with one seat per draw (EDVT) and with 512 independent seats (Fulu)?";
    section.provenance = "**Exact**: one seat per draw makes the seats independent draws, so the adversary's count is "
        + "Binomial(512, a), the same as 512 independent seats; the tail is summed in log space. The rejected layout "
        + "(blocks of n seats) by the dynamic programme of `eip-draft/scripts/sync_committee_tail.py`, ported and checked "
        + "against the script's printed values by `LightClientTest`. **Full stack (selection only)**: the real "
        + "get_next_sync_committee_indices on a " + validators + "-validator state where the adversary's stake is in "
        + n + "-member groups, one committee per random seed; the tail at 342 is far too small to sample, so the "
        + "simulated distribution is compared with the binomial where sampling has power (mean, variance, the tail at "
        + "mean + 2 standard deviations).";
    section.parameters.putAll(p.asMap());
    Table table = new Table(NAME, "a", "exact P(>= 342), one seat per draw = independent seats",
        "exact P(>= 342), blocks of " + n + " seats (all stake in groups)", "simulated mean seats", "binomial mean",
        "simulated variance", "binomial variance", "k = mean + 2 sd", "simulated P(>= k)", "binomial P(>= k)", "periods");
    Charts.Lines chart = new Charts.Lines();
    List<String> parts = new ArrayList<>();
    for (double a : fractions) {
      int[] counts = simulate(a, n, validators, periods, context.seed() ^ Double.doubleToLongBits(a), progress);
      double aEff = Math.round(a * validators) / (double) validators;
      double mean = 0;
      for (int c : counts) {
        mean += c;
      }
      mean /= counts.length;
      double var = 0;
      for (int c : counts) {
        var += (c - mean) * (c - mean);
      }
      var /= Math.max(1, counts.length - 1);
      double bMean = SEATS * aEff;
      double bVar = SEATS * aEff * (1 - aEff);
      int k = (int) Math.ceil(bMean + 2 * Math.sqrt(bVar));
      int over = 0;
      for (int c : counts) {
        over += c >= k ? 1 : 0;
      }
      double exact = binomialTail(SEATS, a, SUPERMAJORITY);
      double blocks = blocksTail(a, 1.0, n);
      table.row(a, exact, blocks, mean, bMean, var, bVar, k, (double) over / counts.length,
          binomialTail(SEATS, aEff, k), counts.length);
      chart.add("one seat per draw (EDVT) = independent seats", a, exact);
      chart.add("blocks of " + n + " seats (rejected)", a, blocks);
      section.headline.put("tail_" + a, exact);
      parts.add(String.format("%s at a = %.3g", Table.fmt(exact), a));
    }
    progress.finish();
    section.table(table);
    Charts.lines(context.out().resolve(NAME + ".png"), "P(adversary holds >= 342 of 512 seats) per period (exact)",
        "adversary stake share a", "probability per period", chart, true);
    section.plot(NAME + ".png", "Probability per period of a light-client supermajority for the adversary: one seat per "
        + "draw (EDVT, equal to independent seats) against the rejected blocks of 16 seats; exact.");
    section.sentence(NAME, "With one seat per draw the adversary's seat count is exactly Binomial(512, a), as with 512 "
        + "independent seats: P(>= 342 seats) per period is " + String.join(", ", parts) + "; the real selection code's "
        + "seat counts agree with the binomial in mean, variance and tail where sampling can see them.");
    return section;
  }
}
