package io.edvt.benchmarks;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.GroupRegistryIndex;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Arrays;

/**
 * The EDVT epoch overhead measured as paired ratios (issue 4): both pre-states of {@link
 * EdvtBenchStates} in one JVM, and in every round one Fulu and one EDVT {@code process_epoch} +
 * {@code commit()} back to back (order alternating, ABBA), so both see the same machine load. The
 * ratio EDVT/Fulu of each round is what is summarised (median, quartiles), which is far less
 * sensitive to other processes on this shared machine than two separate JMH trials.
 *
 * <pre>java -Xmx12g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar io.edvt.benchmarks.EdvtEpochOverhead [validators] [rounds] [warmup]</pre>
 *
 * <p>With {@code -Dedvt.only=edvt} (or {@code fulu}) it runs one fork only, in a loop, which is
 * the workload to attach a profiler (JFR) to.
 */
public final class EdvtEpochOverhead {
  private EdvtEpochOverhead() {}

  /**
   * {@code -Dedvt.step=registry}: time {@code process_registry_updates} alone (statuses included);
   * {@code -Dedvt.step=slots}: {@code process_slots} from the last slot of the epoch to the first of
   * the next (as {@code EdvtEpochBenchmark.processSlotsOverEpoch}).
   */
  private static final String STEP = System.getProperty("edvt.step", "epoch");

  private static long time(SpecFulu spec, BeaconState pre) {
    long t0 = System.nanoTime();
    MutableBeaconState state = new MutableBeaconState(pre);
    switch (STEP) {
      case "epoch" -> spec.epochProcessor().processEpoch(state);
      case "registry" -> spec.epochProcessor().processRegistryUpdates(state);
      case "slots" -> spec.stateTransition().processSlots(state, state.slot().plus(1));
      default -> throw new IllegalArgumentException("edvt.step: epoch, registry or slots, not " + STEP);
    }
    BeaconState out = state.commit();
    long t = System.nanoTime() - t0;
    if (out.slot().longValue() < 0) {
      throw new AssertionError(); // keeps the result alive
    }
    return t;
  }

  public static void main(String[] args) {
    int validators = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long t0 = System.nanoTime();
    EdvtBenchStates.Pair pair = EdvtBenchStates.build(validators);
    System.err.printf("states built in %.1f s: %d validators, %d groups%n", (System.nanoTime() - t0) / 1e9,
        validators, pair.groups());
    if (STEP.equals("slots")) {
      // both pre-states advanced (untimed) to the last slot of the epoch
      UInt64 last = UInt64.valueOf((EdvtBenchStates.STATE_EPOCH + 1) * pair.fulu().config().slotsPerEpoch() - 1);
      BeaconState fuluLast = pair.fulu().stateTransition().processSlots(pair.fuluState(), last);
      BeaconState edvtLast = pair.edvt().stateTransition().processSlots(pair.edvtState(), last);
      fuluLast.hash();
      edvtLast.hash();
      pair = new EdvtBenchStates.Pair(pair.fulu(), pair.edvt(), fuluLast, edvtLast, pair.groups());
    }
    // what a node pays once after start-up: the group index built from the registry
    long b0 = System.nanoTime();
    var index = GroupRegistryIndex.build(BeaconStateEdvt.toVersionEdvt(pair.edvtState()).orElseThrow().groups());
    System.err.printf("GroupRegistryIndex.build of %d groups: %.1f ms (once per start-up)%n", index.size(), (System.nanoTime() - b0) / 1e6);
    String only = System.getProperty("edvt.only", "");
    if (!only.isEmpty()) {
      SpecMilestone milestone = SpecMilestone.byForkName(only)
          .orElseThrow(() -> new IllegalArgumentException("edvt.only is fulu or edvt, not " + only));
      SpecFulu spec = pair.spec(milestone);
      BeaconState pre = pair.state(milestone);
      for (int r = 0; r < rounds; r++) {
        System.out.printf("%s %.2f ms%n", only, time(spec, pre) / 1e6);
      }
      return;
    }
    for (int r = 0; r < warmup; r++) {
      time(pair.fulu(), pair.fuluState());
      time(pair.edvt(), pair.edvtState());
    }
    double[] fulu = new double[rounds];
    double[] edvt = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        fulu[r] = time(pair.fulu(), pair.fuluState()) / 1e6;
        edvt[r] = time(pair.edvt(), pair.edvtState()) / 1e6;
      } else {
        edvt[r] = time(pair.edvt(), pair.edvtState()) / 1e6;
        fulu[r] = time(pair.fulu(), pair.fuluState()) / 1e6;
      }
      ratio[r] = edvt[r] / fulu[r];
    }
    System.out.printf("{\"validators\": %d, \"groups\": %d, \"rounds\": %d, \"fuluMs\": %s, \"edvtMs\": %s, "
            + "\"ratio\": %s, \"overheadPercentMedian\": %.2f, \"load1\": %.2f}%n",
        validators, pair.groups(), rounds, summary(fulu), summary(edvt), summary(ratio),
        (quantile(ratio, 0.5) - 1) * 100, load1());
  }

  private static String summary(double[] values) {
    return String.format("{\"median\": %.4f, \"q1\": %.4f, \"q3\": %.4f, \"min\": %.4f, \"max\": %.4f}",
        quantile(values, 0.5), quantile(values, 0.25), quantile(values, 0.75), quantile(values, 0), quantile(values, 1));
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  private static double load1() {
    try {
      return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return -1;
    }
  }
}
