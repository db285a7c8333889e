package io.edvt.reftests.shuffling;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.logic.common.Shuffling;
import java.util.HexFormat;

/**
 * Runner {@code shuffling}, handler {@code core}: each case's {@code mapping.yaml} gives a
 * {@code seed}, a {@code count} and {@code mapping[i] = compute_shuffled_index(i, count, seed)}.
 * The round count is the case's preset's {@code SHUFFLE_ROUND_COUNT}.
 *
 * <p>Checks, against the same mapping: the per-index function for every {@code i}; the
 * whole-list permutation; {@link Shuffling#shuffleList} on a list whose values differ from their
 * positions; and the inverse permutation.
 */
public final class ShufflingExecutor implements TestExecutor {

  @Override
  public void run(TestCase testCase) {
    JsonNode doc = testCase.yaml("mapping.yaml");
    byte[] seed = parseSeed(doc.path("seed").asText());
    int count = doc.path("count").asInt(-1);
    JsonNode mappingNode = doc.path("mapping");
    if (count < 0 || !mappingNode.isArray()) {
      throw new IllegalStateException(testCase + ": mapping.yaml lacks count or mapping");
    }
    if (mappingNode.size() != count) {
      throw new IllegalStateException(
          testCase + ": mapping has " + mappingNode.size() + " entries but count is " + count);
    }
    long[] expected = new long[count];
    for (int i = 0; i < count; i++) {
      expected[i] = mappingNode.get(i).asLong();
    }
    int rounds = SpecConfigLoader.load(testCase.preset()).shuffleRoundCount();

    for (int i = 0; i < count; i++) {
      long actual = Shuffling.computeShuffledIndex(i, count, seed, rounds);
      check(actual == expected[i], "computeShuffledIndex", i, expected[i], actual);
    }

    int[] permutation = Shuffling.computeShuffledPermutation(count, seed, rounds);
    check(permutation.length == count, "computeShuffledPermutation length", -1, count, permutation.length);
    for (int i = 0; i < count; i++) {
      check(permutation[i] == expected[i], "computeShuffledPermutation", i, expected[i], permutation[i]);
    }

    int[] list = new int[count];
    for (int i = 0; i < count; i++) {
      list[i] = 3 * i + 17;
    }
    int[] shuffled = Shuffling.shuffleList(list, seed, rounds);
    for (int i = 0; i < count; i++) {
      long want = 3 * expected[i] + 17;
      check(shuffled[i] == want, "shuffleList", i, want, shuffled[i]);
    }

    int[] inverse = Shuffling.computeUnshuffledPermutation(count, seed, rounds);
    for (int i = 0; i < count; i++) {
      int back = inverse[(int) expected[i]];
      check(back == i, "computeUnshuffledPermutation at mapping[" + i + "]", i, i, back);
    }
  }

  private static byte[] parseSeed(String text) {
    if (!text.startsWith("0x") || text.length() != 66) {
      throw new IllegalStateException("seed is not 0x and 64 hex digits: '" + text + "'");
    }
    return HexFormat.of().parseHex(text, 2, text.length());
  }

  private static void check(boolean ok, String what, int index, long expected, long actual) {
    if (!ok) {
      throw new AssertionError(
          what + (index >= 0 ? " at index " + index : "") + ": expected " + expected + " but got " + actual);
    }
  }
}
