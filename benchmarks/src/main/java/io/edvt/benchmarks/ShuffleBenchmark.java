package io.edvt.benchmarks;

import io.edvt.spec.logic.common.Shuffling;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
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
 *   <li>{@code shuffle}: {@link Shuffling#shuffleInPlace} as the committees use it (both cores for
 *       large lists);
 *   <li>{@code floorHashing}: only the SHA-256 the shuffle needs (per round the pivot and the
 *       37-byte source hash of every 256-position block that holds the larger position of a
 *       pair), on one thread, one reused {@link MessageDigest}, no allocation;
 *   <li>{@code floorSwaps}: only the swap pass (per round, every pair swapped or not by a bit
 *       read from a 4 KiB table of random bits, branch-free), on one thread, no hashing.
 * </ul>
 *
 * The floor on one core is {@code floorHashing + floorSwaps}; with two cores and a perfect split
 * it would be half of that. The floor methods are written out here, independent of the
 * implementation they bound.
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
  private long[] randomBits; // 32768 random bits (4 KiB, in L1 as the shuffle's block hash is)
  private int[] pivots;
  private MessageDigest digest;
  private final byte[] input = new byte[37];
  private final byte[] out = new byte[32];

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    Random random = new Random(19);
    seed = new byte[32];
    random.nextBytes(seed);
    values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    pivots = new int[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      pivots[r] = random.nextInt(n);
    }
    randomBits = new long[512];
    for (int k = 0; k < randomBits.length; k++) {
      randomBits[k] = random.nextLong();
    }
    digest = MessageDigest.getInstance("SHA-256");
    System.arraycopy(seed, 0, input, 0, 32);
  }

  @Benchmark
  public int[] shuffle() {
    Shuffling.shuffleInPlace(values, seed, ROUNDS, false);
    return values;
  }

  @Benchmark
  public int floorHashing() throws DigestException {
    int acc = 0;
    for (int r = 0; r < ROUNDS; r++) {
      input[32] = (byte) r;
      digest.update(input, 0, 33);
      digest.digest(out, 0, 32);
      acc += out[0];
      int pivot = pivots[r];
      acc += hashBlocks(pivot / 2 + 1, pivot);
      acc += hashBlocks((int) (((long) pivot + n) / 2 + 1), n - 1);
    }
    return acc;
  }

  private int hashBlocks(int low, int high) throws DigestException {
    int acc = 0;
    if (low > high) {
      return 0;
    }
    for (int block = low >>> 8; block <= high >>> 8; block++) {
      input[33] = (byte) block;
      input[34] = (byte) (block >>> 8);
      input[35] = (byte) (block >>> 16);
      input[36] = (byte) (block >>> 24);
      digest.update(input, 0, 37);
      digest.digest(out, 0, 32);
      acc += out[0];
    }
    return acc;
  }

  @Benchmark
  public int[] floorSwaps() {
    for (int r = 0; r < ROUNDS; r++) {
      int pivot = pivots[r];
      int bitBase = r * 4099; // another bit pattern in each round
      swaps(pivot, pivot / 2 + 1, pivot, bitBase);
      swaps((long) pivot + n, (int) (((long) pivot + n) / 2 + 1), n - 1, bitBase);
    }
    return values;
  }

  private void swaps(long sum, int low, int high, int bitBase) {
    int[] v = values;
    long[] bits = randomBits;
    int i = (int) (sum - low);
    for (int j = low; j <= high; j++, i--) {
      int b = (bitBase + j) & 32767;
      int mask = -(int) ((bits[b >>> 6] >>> (b & 63)) & 1);
      int a = v[i];
      int c = v[j];
      int d = (a ^ c) & mask;
      v[i] = a ^ d;
      v[j] = c ^ d;
    }
  }
}
