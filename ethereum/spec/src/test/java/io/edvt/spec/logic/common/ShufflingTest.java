package io.edvt.spec.logic.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShufflingTest {
  private static final byte[] ZERO_SEED = new byte[32];

  static Stream<Arguments> sizesSeedsRounds() {
    Random random = new Random(42);
    Stream.Builder<Arguments> b = Stream.builder();
    for (int size : new int[] {0, 1, 2, 3, 33, 255, 256, 257, 511, 1000}) {
      for (int s = 0; s < 3; s++) {
        byte[] seed = new byte[32];
        if (s > 0) {
          random.nextBytes(seed);
        }
        for (int rounds : new int[] {10, 90}) {
          b.add(Arguments.of(size, seed, rounds));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "n={0} rounds={2}")
  @MethodSource("sizesSeedsRounds")
  void wholeListMatchesPerIndex(int n, byte[] seed, int rounds) {
    int[] permutation = Shuffling.computeShuffledPermutation(n, seed, rounds);
    int[] inverse = Shuffling.computeUnshuffledPermutation(n, seed, rounds);
    int[] list = new int[n];
    for (int i = 0; i < n; i++) {
      list[i] = 1_000_000 + 7 * i; // distinct values unlike their positions
    }
    int[] listCopy = list.clone();
    int[] shuffled = Shuffling.shuffleList(list, seed, rounds);
    assertThat(list).as("input left unchanged").isEqualTo(listCopy);

    assertThat(permutation).hasSize(n);
    for (int i = 0; i < n; i++) {
      long expected = Shuffling.computeShuffledIndex(i, n, seed, rounds);
      assertThat(permutation[i]).as("permutation[%d]", i).isEqualTo(expected);
      assertThat(inverse[(int) expected]).as("inverse of %d", i).isEqualTo(i);
      assertThat(shuffled[i]).as("shuffled[%d]", i).isEqualTo(list[(int) expected]);
    }
  }

  @Test
  void largeListIsAPermutationAndSpotChecksAgree() {
    int n = 100_003;
    byte[] seed = HexFormat.of().parseHex("23bcd11624a07465b1c2fc1a0fe52996daae4bf87b0fb6bed45926096c644843");
    int[] permutation = Shuffling.computeShuffledPermutation(n, seed, 90);
    boolean[] seen = new boolean[n];
    for (int v : permutation) {
      assertThat(seen[v]).isFalse();
      seen[v] = true;
    }
    for (int i : new int[] {0, 1, 255, 256, 50_000, 99_999, n - 1}) {
      assertThat(permutation[i]).isEqualTo(Shuffling.computeShuffledIndex(i, n, seed, 90));
    }
    int[] oneThread = new int[n];
    for (int i = 0; i < n; i++) {
      oneThread[i] = i;
    }
    Shuffling.shuffleInPlaceOnCallingThread(oneThread, seed, 90, false);
    assertThat(permutation).as("rounds shared with a helper, against the calling thread alone").isEqualTo(oneThread);
  }

  /**
   * The whole-list shuffle (both directions, split across threads or not) against the per-index
   * spec function on random sizes, seeds and positions; the two-thread split is forced on small
   * lists too, so that every way a round can be cut is exercised.
   */
  @Test
  void wholeListAgreesWithPerIndexOnRandomInputs() {
    Random random = new Random(19);
    for (int trial = 0; trial < 60; trial++) {
      int n = trial < 40 ? 2 + random.nextInt(trial < 20 ? 600 : 5000) : 30_000 + random.nextInt(120_000);
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      int rounds = random.nextBoolean() ? 10 : 90;
      int parallelMin = random.nextBoolean() ? 2 : Integer.MAX_VALUE;
      int[] permutation = identity(n);
      Shuffling.shuffleInPlace(permutation, seed, rounds, false, parallelMin);
      int[] inverse = identity(n);
      Shuffling.shuffleInPlace(inverse, seed, rounds, true, parallelMin);
      int checks = n < 700 ? n : 300;
      for (int k = 0; k < checks; k++) {
        int i = n < 700 ? k : random.nextInt(n);
        long expected = Shuffling.computeShuffledIndex(i, n, seed, rounds);
        assertThat(permutation[i]).as("n=%d rounds=%d parallelMin=%d permutation[%d]", n, rounds, parallelMin, i)
            .isEqualTo(expected);
        assertThat(inverse[(int) expected]).as("n=%d inverse of %d", n, i).isEqualTo(i);
      }
      assertThat(Shuffling.computeShuffledPermutation(n, seed, rounds)).isEqualTo(permutation);
      int[] oneThread = identity(n);
      Shuffling.shuffleInPlaceOnCallingThread(oneThread, seed, rounds, false);
      assertThat(oneThread).as("n=%d on the calling thread alone", n).isEqualTo(permutation);
    }
  }

  /**
   * With stall thresholds of zero the caller stops sharing after the first round in which it
   * waited for the helper and shuffles the remaining rounds alone: the result is still the
   * per-index function's (whether the switch happens in a given run depends on the scheduling, so
   * several lists are shuffled).
   */
  @Test
  void fallingBackToOneThreadMidShuffleGivesTheSameList() {
    Random random = new Random(191);
    for (int trial = 0; trial < 8; trial++) {
      int n = 40_000 + random.nextInt(60_000);
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      int[] fallingBack = identity(n);
      Shuffling.shuffleInPlace(fallingBack, seed, 90, false, 2, 0, 0);
      int[] oneThread = identity(n);
      Shuffling.shuffleInPlaceOnCallingThread(oneThread, seed, 90, false);
      assertThat(fallingBack).as("n=%d", n).isEqualTo(oneThread);
      for (int i : new int[] {0, n / 3, n - 1}) {
        assertThat(fallingBack[i]).isEqualTo(Shuffling.computeShuffledIndex(i, n, seed, 90));
      }
    }
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** From consensus-spec-tests minimal/phase0/shuffling (10 rounds). */
  @Test
  void matchesAReferenceVector() {
    byte[] seed = HexFormat.of().parseHex("23bcd11624a07465b1c2fc1a0fe52996daae4bf87b0fb6bed45926096c644843");
    int[] expected = {6, 9, 2, 7, 8, 3, 0, 1, 4, 5};
    assertThat(Shuffling.computeShuffledPermutation(10, seed, 10)).containsExactly(expected);
    for (int i = 0; i < 10; i++) {
      assertThat(Shuffling.computeShuffledIndex(i, 10, seed, 10)).isEqualTo(expected[i]);
    }
  }

  @Test
  void zeroRoundsIsTheIdentity() {
    assertThat(Shuffling.computeShuffledPermutation(5, ZERO_SEED, 0)).containsExactly(0, 1, 2, 3, 4);
    assertThat(Shuffling.computeShuffledIndex(3, 5, ZERO_SEED, 0)).isEqualTo(3);
  }

  @Test
  void indexOutOfRangeIsRejected() {
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(5, 5, ZERO_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index < index_count")
        .hasMessageContaining("index=5, index_count=5");
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(7, 5, ZERO_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index < index_count");
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(0, 0, ZERO_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index < index_count");
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(-1, 5, ZERO_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badSeedOrRoundCountIsRejected() {
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(0, 5, new byte[31], 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Shuffling.computeShuffledPermutation(5, ZERO_SEED, 257))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shuffling.computeShuffledPermutation(-1, ZERO_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void perIndexSupportsCountsBeyondInt() {
    long n = 1L << 40;
    long last = Shuffling.computeShuffledIndex(n - 1, n, ZERO_SEED, 90);
    assertThat(last).isBetween(0L, n - 1);
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(0, n + 1, ZERO_SEED, 90))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
