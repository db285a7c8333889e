package io.edvt.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link ShuffleBenchmark}'s methods timed in alternation in one JVM: each round runs every
 * method once (the order rotating from round to round), so that the shuffle and its floor see the
 * same machine load, which on this shared machine moves by 2x within minutes and so between JMH's
 * trials of one method and the next. It prints one JSON line: each method's ms per op and, per
 * round, the ratio of the shuffle to its floor within the round, each as {@code [min, q1, median,
 * q3]} over the rounds.
 *
 * <p>Usage: {@code ShuffleFloorPairs [n=1000000] [rounds=40] [warm-up rounds=10]}
 */
public final class ShuffleFloorPairs {
  private ShuffleFloorPairs() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    ShuffleBenchmark bench = new ShuffleBenchmark();
    bench.n = n;
    bench.setUp();
    String[] names = {"floorHashing", "floorSwaps", "floorHashingTwoThreads", "floorSwapsTwoThreads", "shuffle",
        "shuffleOneThread"};
    @SuppressWarnings("unchecked")
    Supplier<Object>[] methods = new Supplier[] {bench::floorHashing, bench::floorSwaps, bench::floorHashingTwoThreads,
        bench::floorSwapsTwoThreads, bench::shuffle, bench::shuffleOneThread};
    double[][] ms = new double[names.length][rounds];
    double loadStart = load1();
    for (int round = -warmUp; round < rounds; round++) {
      for (int k = 0; k < methods.length; k++) {
        int m = (k + Math.floorMod(round, methods.length)) % methods.length;
        long start = System.nanoTime();
        methods[m].get();
        long elapsed = System.nanoTime() - start;
        if (round >= 0) {
          ms[m][round] = elapsed / 1e6;
        }
      }
    }
    double[] oneCoreFloor = new double[rounds];
    double[] twoCoreFloor = new double[rounds];
    double[] vsOneCore = new double[rounds];
    double[] vsTwoCores = new double[rounds];
    double[] oneThreadVsOneCore = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      oneCoreFloor[r] = ms[0][r] + ms[1][r];
      twoCoreFloor[r] = ms[2][r] + ms[3][r];
      vsOneCore[r] = ms[4][r] / oneCoreFloor[r];
      vsTwoCores[r] = ms[4][r] / twoCoreFloor[r];
      oneThreadVsOneCore[r] = ms[5][r] / oneCoreFloor[r];
    }
    StringBuilder json = new StringBuilder("{\"n\": " + n + ", \"rounds\": " + rounds);
    for (int k = 0; k < names.length; k++) {
      json.append(String.format(Locale.ROOT, ", \"%s\": %s", names[k], quartiles(ms[k])));
    }
    json.append(String.format(Locale.ROOT, ", \"floorOneCore\": %s, \"floorTwoCores\": %s", quartiles(oneCoreFloor),
        quartiles(twoCoreFloor)));
    json.append(String.format(Locale.ROOT, ", \"shuffleVsFloorTwoCores\": %s, \"shuffleVsFloorOneCore\": %s"
        + ", \"shuffleOneThreadVsFloorOneCore\": %s", quartiles(vsTwoCores), quartiles(vsOneCore),
        quartiles(oneThreadVsOneCore)));
    json.append(String.format(Locale.ROOT, ", \"load1Start\": %.2f, \"load1End\": %.2f}", loadStart, load1()));
    System.out.println(json);
  }

  /** {@code [min, q1, median, q3]} of the values (the minimum: the round least disturbed by other work). */
  private static String quartiles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "[%.3f, %.3f, %.3f, %.3f]", sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
        quantile(sorted, 0.75));
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  private static double load1() throws java.io.IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }
}
