package io.edvt.spec.logic.common;

import io.edvt.infrastructure.crypto.Sha256;

/**
 * The spec's swap-or-not shuffle (phase0 {@code compute_shuffled_index} and
 * {@code compute_shuffled_permutation}), per index and for a whole list at once.
 *
 * <p>One round {@code r} of the shuffle is the involution {@code f_r} that pairs position
 * {@code x} with {@code flip = (pivot_r - x) mod n} and swaps the pair exactly when bit
 * {@code max(x, flip)} of the round's hash stream is set. The spec's
 * {@code compute_shuffled_index(i)} is {@code f_{R-1}(...f_1(f_0(i)))}.
 *
 * <p>Direction, as {@code compute_committee} needs it: a committee is
 * {@code indices[compute_shuffled_index(i)]} for a range of positions {@code i}, which is a slice
 * of {@link #shuffleList(int[], byte[], int)} (output position {@code i} holds input element
 * {@code compute_shuffled_index(i)}). Moving list contents through the rounds in reverse order
 * produces exactly that; running them forwards produces the inverse permutation instead, which
 * answers "at which position did element {@code j} end up".
 *
 * <p>The round count is a parameter ({@code SHUFFLE_ROUND_COUNT}: 90 on mainnet, 10 on minimal)
 * so that the class needs no config. Counts up to {@code 2^31 - 1} are supported for the
 * whole-list functions; the per-index function accepts anything up to {@code 2^40}, where the
 * spec's 4-byte position-block encoding ends.
 */
public final class Shuffling {
  /** Largest {@code index_count} whose position blocks ({@code position / 256}) fit in 4 bytes. */
  public static final long MAX_INDEX_COUNT = 1L << 40;

  private static final int SEED_LENGTH = 32;
  // hash input layouts: seed || round (1 byte)  and  seed || round || block (4 bytes LE)
  private static final int PIVOT_INPUT_LENGTH = SEED_LENGTH + 1;
  private static final int SOURCE_INPUT_LENGTH = SEED_LENGTH + 1 + 4;

  private Shuffling() {}

  /**
   * The spec's {@code compute_shuffled_index(index, index_count, seed)}: the position that index
   * {@code index} maps to under the shuffle for {@code seed}, computed with
   * {@code 2 * shuffleRoundCount} hashes.
   *
   * @throws IllegalArgumentException if not {@code index < index_count} (the spec's assertion),
   *     if either is negative or {@code indexCount > 2^40}, if the seed is not 32 bytes, or if the
   *     round count is outside {@code [0, 256]}
   */
  public static long computeShuffledIndex(long index, long indexCount, byte[] seed, int shuffleRoundCount) {
    checkSeedAndRounds(seed, shuffleRoundCount);
    if (index < 0 || indexCount < 0 || indexCount > MAX_INDEX_COUNT) {
      throw new IllegalArgumentException(
          "index and index_count must be in [0, 2^40]: index=" + index + ", index_count=" + indexCount);
    }
    if (index >= indexCount) {
      throw new IllegalArgumentException(
          "assertion index < index_count failed: index=" + index + ", index_count=" + indexCount);
    }
    byte[] input = new byte[SOURCE_INPUT_LENGTH];
    System.arraycopy(seed, 0, input, 0, SEED_LENGTH);
    long current = index;
    for (int round = 0; round < shuffleRoundCount; round++) {
      input[SEED_LENGTH] = (byte) round;
      long pivot = pivot(input, indexCount);
      long flip = Math.floorMod(pivot - current, indexCount);
      long position = Math.max(current, flip);
      writeBlock(input, position >>> 8);
      byte[] source = Sha256.hash(input, 0, SOURCE_INPUT_LENGTH);
      if (bit(source, (int) (position & 0xff))) {
        current = flip;
      }
    }
    return current;
  }

  /**
   * The spec's {@code compute_shuffled_permutation(index_count, seed)} (new in the v1.7 specs):
   * {@code result[i] == compute_shuffled_index(i, index_count, seed)} for every {@code i}.
   */
  public static int[] computeShuffledPermutation(int indexCount, byte[] seed, int shuffleRoundCount) {
    int[] identity = identity(indexCount);
    shuffleInPlace(identity, seed, shuffleRoundCount, false);
    return identity;
  }

  /**
   * The inverse of {@link #computeShuffledPermutation}: {@code result[compute_shuffled_index(i)]
   * == i}, i.e. {@code result[j]} is the position at which index {@code j} ends up ("unshuffle").
   * No spec function returns this directly.
   */
  public static int[] computeUnshuffledPermutation(int indexCount, byte[] seed, int shuffleRoundCount) {
    int[] identity = identity(indexCount);
    shuffleInPlace(identity, seed, shuffleRoundCount, true);
    return identity;
  }

  /**
   * The list in committee order: {@code result[i] == list[compute_shuffled_index(i, len, seed)]},
   * the order in which the spec's {@code compute_committee} reads {@code indices}; the committee
   * with index {@code k} of {@code count} is {@code result[len*k/count .. len*(k+1)/count)}. The
   * input is not modified.
   */
  public static int[] shuffleList(int[] list, byte[] seed, int shuffleRoundCount) {
    int[] copy = list.clone();
    shuffleInPlace(copy, seed, shuffleRoundCount, false);
    return copy;
  }

  /**
   * Rearranges {@code values} in place as {@link #shuffleList} would ({@code forwards == false}),
   * or by the inverse permutation ({@code forwards == true}: element {@code i} moves to position
   * {@code compute_shuffled_index(i)}).
   *
   * <p>Each round's pivot is hashed once, and only the 256-position blocks that hold the larger
   * position of some pair (about half of them), so the cost is about {@code rounds * (n/512 + 3)}
   * hashes plus {@code rounds * n/2} swap decisions. For lists of at least {@value #PARALLEL_MIN}
   * elements each round, hashing and swaps alike, is shared with a helper on the fork-join common
   * pool (see {@link SharedRounds}).
   */
  public static void shuffleInPlace(int[] values, byte[] seed, int shuffleRoundCount, boolean forwards) {
    shuffleInPlace(values, seed, shuffleRoundCount, forwards, PARALLEL_MIN);
  }

  /**
   * {@link #shuffleInPlace(int[], byte[], int, boolean)} on the calling thread alone, for a caller
   * that already keeps every core busy (and to measure what the helper brings).
   */
  public static void shuffleInPlaceOnCallingThread(int[] values, byte[] seed, int shuffleRoundCount, boolean forwards) {
    shuffleInPlace(values, seed, shuffleRoundCount, forwards, Integer.MAX_VALUE);
  }

  /** Smallest list whose rounds are shared with a helper thread (below it the hand-off costs more). */
  static final int PARALLEL_MIN = 1 << 15;

  /** {@link #shuffleInPlace(int[], byte[], int, boolean)} with the parallel threshold as a parameter (for tests). */
  static void shuffleInPlace(int[] values, byte[] seed, int shuffleRoundCount, boolean forwards, int parallelMin) {
    shuffleInPlace(values, seed, shuffleRoundCount, forwards, parallelMin, SharedRounds.STALL_NANOS,
        SharedRounds.MAX_STALL_NANOS);
  }

  /**
   * The same with the stall thresholds of {@link SharedRounds} as parameters (for tests: with both
   * at zero the caller goes on alone after the first round in which it waited for the helper).
   */
  static void shuffleInPlace(int[] values, byte[] seed, int shuffleRoundCount, boolean forwards, int parallelMin,
      long stallNanos, long maxStallNanos) {
    checkSeedAndRounds(seed, shuffleRoundCount);
    int n = values.length;
    if (n <= 1) {
      return;
    }
    byte[] input = new byte[SOURCE_INPUT_LENGTH];
    System.arraycopy(seed, 0, input, 0, SEED_LENGTH);
    byte[] bits = new byte[32];
    SharedRounds shared = n >= parallelMin ? new SharedRounds(values, seed, stallNanos, maxStallNanos) : null;
    if (shared != null) {
      shared.fork();
    }
    try {
      for (int step = 0; step < shuffleRoundCount; step++) {
        int round = forwards ? step : shuffleRoundCount - 1 - step;
        input[SEED_LENGTH] = (byte) round;
        int pivot = (int) pivot(input, n);
        // Positions 0..pivot pair up as (x, pivot - x); positions pivot+1..n-1 as (x, pivot + n - x).
        // In each pair the larger position j picks the bit: j runs over [lo1, hi1] and [lo2, hi2].
        Round r = new Round(step, round, pivot, n);
        if (shared == null) {
          r.swap(values, input, bits, 0, r.length());
        } else {
          shared.run(r, input, bits);
        }
      }
    } finally {
      if (shared != null) {
        shared.finish();
      }
    }
  }

  /**
   * The pairs of one round: larger positions {@code j} in {@code [pivot/2+1, pivot]} (partner
   * {@code pivot - j}) followed by {@code [(pivot+n)/2+1, n-1]} (partner {@code pivot + n - j}),
   * addressed as one sequence of {@link #length()} positions.
   */
  private record Round(int step, int round, int pivot, int n) {
    int len1() {
      return pivot - pivot / 2;
    }

    int length() {
      return len1() + Math.max(0, n - 1 - (int) (((long) pivot + n) / 2));
    }

    /** Swaps the pairs of sequence positions {@code [from, to)}. */
    void swap(int[] values, byte[] input, byte[] bits, int from, int to) {
      int len1 = len1();
      int lo1 = pivot / 2 + 1;
      if (from < len1) {
        swapRange(values, input, bits, pivot, lo1 + from, lo1 + Math.min(to, len1) - 1);
      }
      if (to > len1) {
        long sum2 = (long) pivot + n;
        int lo2 = (int) (sum2 / 2 + 1);
        swapRange(values, input, bits, sum2, lo2 + Math.max(0, from - len1), lo2 + (to - len1) - 1);
      }
    }
  }

  /**
   * Shares each round of a large shuffle between the calling thread and one helper task on the
   * fork-join common pool. The pairs of one round are disjoint, so a round is cut into
   * {@value #CHUNKS} chunks of pairs (each with the hashing of its own 256-position blocks) that
   * either thread claims; the next round starts when every chunk is done, since a round reads
   * positions anywhere in the list. The caller claims chunks as well and never waits for a helper
   * that has not started or is not scheduled: it then does the whole round itself and waits only
   * for a chunk the helper is in the middle of. A wait for the helper's last chunk of a round is
   * normally shorter than a chunk; a wait longer than {@link #STALL_NANOS} means the helper was
   * descheduled mid-chunk (the second core is busy elsewhere), and when such stalls add up to
   * more than {@link #MAX_STALL_NANOS} the caller does the remaining rounds alone.
   */
  private static final class SharedRounds extends java.util.concurrent.RecursiveAction {
    private static final int CHUNKS = 16;
    private static final long FINISHED = Long.MAX_VALUE;
    /** A wait this long at the end of a round is a stall (a chunk of a 1M-list round takes about 50 us). */
    static final long STALL_NANOS = 200_000;
    /** Stalls adding up to this (a few rounds' work) end the sharing. */
    static final long MAX_STALL_NANOS = 2_000_000;
    private final int[] values;
    private final byte[] seed;
    /** The current round; written before {@link #ticket} publishes it. */
    private volatile Round current;
    /** {@code step << 32 | next unclaimed chunk}, or {@link #FINISHED}. */
    private final java.util.concurrent.atomic.AtomicLong ticket = new java.util.concurrent.atomic.AtomicLong(-1L << 32);
    /** Chunks done over all steps: step {@code s} is complete at {@code (s + 1) * CHUNKS}. */
    private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    private long stalled;

    private final long stallNanos;
    private final long maxStallNanos;

    SharedRounds(int[] values, byte[] seed, long stallNanos, long maxStallNanos) {
      this.values = values;
      this.seed = seed;
      this.stallNanos = stallNanos;
      this.maxStallNanos = maxStallNanos;
    }

    /** The caller's part of a round: publish it, claim chunks, then wait for the helper's chunk. */
    void run(Round r, byte[] input, byte[] bits) {
      if (ticket.get() == FINISHED) {
        r.swap(values, input, bits, 0, r.length());
        return;
      }
      current = r;
      long base = (long) r.step() << 32;
      ticket.set(base);
      claimChunks(r, base, input, bits);
      long complete = (long) (r.step() + 1) * CHUNKS;
      if (done.get() < complete) {
        long since = System.nanoTime();
        int spins = 0;
        while (done.get() < complete) {
          if (++spins < 1000) {
            Thread.onSpinWait();
          } else {
            Thread.yield();
          }
        }
        long waited = System.nanoTime() - since;
        if (waited > stallNanos) {
          stalled += waited;
          if (stalled >= maxStallNanos) {
            finish(); // the helper stops; the remaining rounds run on this thread alone
          }
        }
      }
    }

    void finish() {
      ticket.set(FINISHED);
    }

    private void claimChunks(Round r, long base, byte[] input, byte[] bits) {
      input[SEED_LENGTH] = (byte) r.round();
      int length = r.length();
      while (true) {
        long t = ticket.get();
        if ((t & ~0xffffffffL) != base || (int) t >= CHUNKS) {
          return;
        }
        if (!ticket.compareAndSet(t, t + 1)) {
          continue;
        }
        int c = (int) t;
        r.swap(values, input, bits, (int) ((long) length * c / CHUNKS), (int) ((long) length * (c + 1) / CHUNKS));
        done.incrementAndGet();
      }
    }

    /** The helper: joins each published round until the caller finishes. */
    @Override
    protected void compute() {
      byte[] input = new byte[SOURCE_INPUT_LENGTH];
      System.arraycopy(seed, 0, input, 0, SEED_LENGTH);
      byte[] bits = new byte[32];
      long seen = -1;
      int spins = 0;
      while (true) {
        long t = ticket.get();
        if (t == FINISHED) {
          return;
        }
        long step = t >> 32;
        if (step > seen && (int) t < CHUNKS) {
          seen = step;
          spins = 0;
          // 'current' was written before the ticket of this step, and a chunk claimed here keeps
          // the caller in this step until it is done, so the round read after a claim is this step's.
          claimHelperChunks(step << 32, input, bits);
        } else if (++spins < 1000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }

    private void claimHelperChunks(long base, byte[] input, byte[] bits) {
      while (true) {
        long t = ticket.get();
        if ((t & ~0xffffffffL) != base || (int) t >= CHUNKS) {
          return;
        }
        if (!ticket.compareAndSet(t, t + 1)) {
          continue;
        }
        Round r = current;
        input[SEED_LENGTH] = (byte) r.round();
        int length = r.length();
        int c = (int) t;
        r.swap(values, input, bits, (int) ((long) length * c / CHUNKS), (int) ((long) length * (c + 1) / CHUNKS));
        done.incrementAndGet();
      }
    }
  }

  /**
   * For every {@code j} in {@code [low, high]}, swaps positions {@code sum - j} and {@code j} if
   * bit {@code j} of the round's stream is set ({@code sum - j < j} throughout). {@code input}
   * holds the seed and the round; {@code bits} receives each block's hash.
   */
  private static void swapRange(int[] values, byte[] input, byte[] bits, long sum, int low, int high) {
    int j = low;
    while (j <= high) {
      int block = j >>> 8;
      writeBlock(input, block);
      Sha256.hash(input, 0, SOURCE_INPUT_LENGTH, bits, 0);
      int end = Math.min(high, (block << 8) | 0xff);
      swapPairs(values, bits, block << 8, sum, j, end);
      j = end + 1;
    }
  }

  /**
   * For every {@code j} in {@code [low, high]} (not empty), swaps positions {@code sum - j} and
   * {@code j} if bit {@code j - bitOffset} of {@code bits} is set (byte {@code k / 8}, bit
   * {@code k % 8} from the low end); {@code sum - j < j} throughout, so the two sides never meet.
   * The swap is branch-free (the bits are random: a branch would be mispredicted half the time),
   * and whole bytes of bits are read once for eight pairs.
   */
  private static void swapPairs(int[] values, byte[] bits, int bitOffset, long sum, int low, int high) {
    int j = low;
    int i = (int) (sum - low);
    while (j <= high && ((j - bitOffset) & 7) != 0) {
      swapIf(values, i--, j, (bits[(j - bitOffset) >>> 3] >>> ((j - bitOffset) & 7)) & 1);
      j++;
    }
    for (; j + 7 <= high; j += 8, i -= 8) {
      int byteOfBits = bits[(j - bitOffset) >>> 3];
      for (int k = 0; k < 8; k++) {
        swapIf(values, i - k, j + k, (byteOfBits >>> k) & 1);
      }
    }
    for (; j <= high; j++, i--) {
      swapIf(values, i, j, (bits[(j - bitOffset) >>> 3] >>> ((j - bitOffset) & 7)) & 1);
    }
  }

  private static void swapIf(int[] values, int i, int j, int bit) {
    int a = values[i];
    int b = values[j];
    int d = (a ^ b) & -bit;
    values[i] = a ^ d;
    values[j] = b ^ d;
  }

  /** {@code bytes_to_uint64(hash(seed + round)[0:8]) % n}, with {@code input} holding seed and round. */
  private static long pivot(byte[] input, long n) {
    byte[] h = Sha256.hash(input, 0, PIVOT_INPUT_LENGTH);
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (h[k] & 0xff);
    }
    return Long.remainderUnsigned(v, n);
  }

  private static void writeBlock(byte[] input, long block) {
    input[SEED_LENGTH + 1] = (byte) block;
    input[SEED_LENGTH + 2] = (byte) (block >>> 8);
    input[SEED_LENGTH + 3] = (byte) (block >>> 16);
    input[SEED_LENGTH + 4] = (byte) (block >>> 24);
  }

  /** Bit {@code offset} (0..255) of a 32-byte hash: byte {@code offset / 8}, bit {@code offset % 8} from the low end. */
  private static boolean bit(byte[] source, int offset) {
    return ((source[offset >>> 3] >>> (offset & 7)) & 1) != 0;
  }

  private static int[] identity(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("index_count must not be negative: " + n);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  private static void checkSeedAndRounds(byte[] seed, int shuffleRoundCount) {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "seed must be 32 bytes, got " + (seed == null ? "null" : seed.length + " bytes"));
    }
    if (shuffleRoundCount < 0 || shuffleRoundCount > 256) {
      throw new IllegalArgumentException(
          "shuffle round count must be in [0, 256] (the round number is one byte): " + shuffleRoundCount);
    }
  }
}
