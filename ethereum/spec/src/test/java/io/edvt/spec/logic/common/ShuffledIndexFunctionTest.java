package io.edvt.spec.logic.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShuffledIndexFunctionTest {

  @Test
  void givesTheSameIndicesAsTheSpecFunction() {
    Random r = new Random(3);
    int[] counts = {1, 2, 3, 255, 256, 257, 1000, 65_537, 1_000_003};
    for (int count : counts) {
      for (int rounds : new int[] {0, 10, 90}) {
        byte[] seed = new byte[32];
        r.nextBytes(seed);
        ShuffledIndexFunction f = new ShuffledIndexFunction(count, seed, rounds);
        for (int k = 0; k < 300; k++) {
          long index = k < 100 ? k % count : (long) r.nextInt(count);
          assertThat(f.shuffledIndex(index))
              .as("count %d, rounds %d, index %d", count, rounds, index)
              .isEqualTo(Shuffling.computeShuffledIndex(index, count, seed, rounds));
        }
      }
    }
  }

  @Test
  void rejectsAnIndexOutsideTheList() {
    ShuffledIndexFunction f = new ShuffledIndexFunction(5, new byte[32], 90);
    assertThatThrownBy(() -> f.shuffledIndex(5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index < index_count");
    assertThatThrownBy(() -> new ShuffledIndexFunction(5, new byte[31], 90)).isInstanceOf(IllegalArgumentException.class);
  }
}
