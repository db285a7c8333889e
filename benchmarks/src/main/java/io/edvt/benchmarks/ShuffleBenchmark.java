package io.edvt.benchmarks;

import io.edvt.spec.logic.common.Shuffling;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole-list shuffle of N indices with 90 rounds (mainnet) against its floor on this machine,
 * measured in the same run:
 *
 * <ul>
 *   <li>{@code shuffle}: {@link Shuffling#shuffleInPlace} as the committees use it (for large lists
 *       each round shared between the caller and a helper on the fork-join common pool);
 *       {@code shuffleOneThread}: the same on the calling thread alone;
 *   <li>{@code floorHashing}: only the SHA-256 the shuffle needs (per round the pivot and the
 *       37-byte source hash of every 256-position block that holds the larger position of a
 *       pair), on one thread, one reused {@link MessageDigest}, no allocation;
 *   <li>{@code floorSwaps}: only the swap pass (per round, every pair swapped or not by a bit
 *       read from a 4 KiB table of random bits, one byte of bits per eight pairs, branch-free), on
 *       one thread, no hashing;
 *   <li>{@code floorHashingTwoThreads}, {@code floorSwapsTwoThreads}: the same work with every
 *       round cut in two halves, the first half of every round on the calling thread and the
 *       second on a helper task of the common pool (the pool the shuffle uses), joined once at the
 *       end. There is no barrier between rounds, which a real shuffle needs, so this is the ideal
 *       split (the swap halves of different rounds overlap in memory and race, harmlessly for a
 *       timing: the floor methods work on their own array).
 * </ul>
 *
 * The floor on one core is {@code floorHashing + floorSwaps}; on two cores it is
 * {@code floorHashingTwoThreads + floorSwapsTwoThreads}. The floor methods are written out here,
 * independent of the implementation they bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ShuffleBenchmark {
  private static final int ROUNDS = 90;

  @Param({"1000000"})
  public int n;

  private byte[] seed;
  private int[] values;
  private int[] floorValues;
  private byte[] randomBits; // 32768 random bits (4 KiB, in L1 as the shuffle's block hash is)
  private int[] pivots;

  @Setup
  public void setUp() {
    Random random = new Random(19);
    seed = new byte[32];
    random.nextBytes(seed);
    values = new int[n];
    floorValues = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
      floorValues[i] = i;
    }
    pivots = new int[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      pivots[r] = random.nextInt(n);
    }
    randomBits = new byte[4096];
    random.nextBytes(randomBits);
  }

  @Benchmark
  public int[] shuffle() {
    Shuffling.shuffleInPlace(values, seed, ROUNDS, false);
    return values;
  }

  @Benchmark
  public int[] shuffleOneThread() {
    Shuffling.shuffleInPlaceOnCallingThread(values, seed, ROUNDS, false);
    return values;
  }

  @Benchmark
  public int floorHashing() {
    return new Hashing().rounds(0, 1);
  }

  @Benchmark
  public int floorHashingTwoThreads() {
    CompletableFuture<Integer> helper = CompletableFuture.supplyAsync(() -> new Hashing().rounds(1, 2), ForkJoinPool.commonPool());
    return new Hashing().rounds(0, 2) + helper.join();
  }

  @Benchmark
  public int[] floorSwaps() {
    swapRounds(0, 1);
    return floorValues;
  }

  @Benchmark
  public int[] floorSwapsTwoThreads() {
    CompletableFuture<Void> helper = CompletableFuture.runAsync(() -> swapRounds(1, 2), ForkJoinPool.commonPool());
    swapRounds(0, 2);
    helper.join();
    return floorValues;
  }

  /** The hashes of every round, or of part {@code part} of {@code parts} of each round's blocks. */
  private final class Hashing {
    private final MessageDigest digest;
    private final byte[] input = new byte[37];
    private final byte[] out = new byte[32];

    Hashing() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      System.arraycopy(seed, 0, input, 0, 32);
    }

    int rounds(int part, int parts) {
      try {
        int acc = 0;
        for (int r = 0; r < ROUNDS; r++) {
          input[32] = (byte) r;
          if (part == 0) {
            digest.update(input, 0, 33);
            digest.digest(out, 0, 32);
            acc += out[0];
          }
          int pivot = pivots[r];
          // the blocks of both ranges of larger positions, as one sequence cut into parts
          int lo1 = (pivot / 2 + 1) >>> 8;
          int hi1 = pivot >>> 8;
          int lo2 = (int) (((long) pivot + n) / 2 + 1) >>> 8;
          int hi2 = (n - 1) >>> 8;
          int len1 = pivot / 2 + 1 <= pivot ? hi1 - lo1 + 1 : 0;
          int total = len1 + hi2 - lo2 + 1;
          int from = (int) ((long) total * part / parts);
          int to = (int) ((long) total * (part + 1) / parts);
          for (int k = from; k < to; k++) {
            int block = k < len1 ? lo1 + k : lo2 + (k - len1);
            input[33] = (byte) block;
            input[34] = (byte) (block >>> 8);
            input[35] = (byte) (block >>> 16);
            input[36] = (byte) (block >>> 24);
            digest.update(input, 0, 37);
            digest.digest(out, 0, 32);
            acc += out[0];
          }
        }
        return acc;
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The swap pass of every round, or part {@code part} of {@code parts} of each round's pairs. */
  private void swapRounds(int part, int parts) {
    for (int r = 0; r < ROUNDS; r++) {
      int pivot = pivots[r];
      int bitBase = r * 4099; // another bit pattern in each round
      long sum2 = (long) pivot + n;
      int lo1 = pivot / 2 + 1;
      int lo2 = (int) (sum2 / 2 + 1);
      int len1 = Math.max(0, pivot - lo1 + 1);
      int total = len1 + Math.max(0, n - lo2);
      int from = (int) ((long) total * part / parts);
      int to = (int) ((long) total * (part + 1) / parts);
      if (from < len1) {
        swaps(pivot, lo1 + from, lo1 + Math.min(to, len1) - 1, bitBase);
      }
      if (to > len1) {
        swaps(sum2, lo2 + Math.max(0, from - len1), lo2 + (to - len1) - 1, bitBase);
      }
    }
  }

  /** Pairs {@code (sum - j, j)} for {@code j} in {@code [low, high]}, eight pairs per byte of bits. */
  private void swaps(long sum, int low, int high, int bitBase) {
    int[] v = floorValues;
    byte[] bits = randomBits;
    int i = (int) (sum - low);
    int j = low;
    for (; j <= high && (j & 7) != 0; j++, i--) {
      swap(v, i, j, (bits[((bitBase + j) >>> 3) & 4095] >>> (j & 7)) & 1);
    }
    for (; j + 7 <= high; j += 8, i -= 8) {
      int b = bits[((bitBase + j) >>> 3) & 4095];
      for (int k = 0; k < 8; k++) {
        swap(v, i - k, j + k, (b >>> k) & 1);
      }
    }
    for (; j <= high; j++, i--) {
      swap(v, i, j, (bits[((bitBase + j) >>> 3) & 4095] >>> (j & 7)) & 1);
    }
  }

  private static void swap(int[] v, int i, int j, int bit) {
    int a = v[i];
    int c = v[j];
    int d = (a ^ c) & -bit;
    v[i] = a ^ d;
    v[j] = c ^ d;
  }
}
