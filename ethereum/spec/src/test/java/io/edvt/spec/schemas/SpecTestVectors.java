package io.edvt.spec.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edvt.infrastructure.io.OfficialVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Finds the consensus-spec-tests vectors for tests of this module ({@link OfficialVectors}:
 * {@code CONSENSUS_SPEC_TESTS_DIR}, {@code ../shared/vectors}, the fetch cache), and reads their
 * YAML in the plain form of {@code SszType.toPlain}. A test that needs them fails, with the command
 * that gets them, when they are absent: it is never skipped.
 */
public final class SpecTestVectors {
  private static final YAMLMapper YAML = yamlMapper();

  private SpecTestVectors() {}

  private static YAMLMapper yamlMapper() {
    // Mainnet BeaconState values are larger than SnakeYAML's default 3 MiB document limit.
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  /** The official {@code tests} folder, if there is one (lookup order of {@link OfficialVectors}). */
  public static Optional<Path> testsDir() {
    return OfficialVectors.find().map(OfficialVectors.Located::testsDir);
  }

  /** The official {@code tests} folder; fails the test with the one-line fix when there is none. */
  public static Path requireTestsDir() {
    return OfficialVectors.require();
  }

  /** The sub-folders of {@code dir}, sorted by name (none if it does not exist). */
  public static List<Path> subdirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case folders of an {@code ssz_static} handler folder: {@code <suite>/<case>}. */
  public static List<Path> cases(Path handlerDir) {
    List<Path> out = new ArrayList<>();
    for (Path suite : subdirs(handlerDir)) {
      out.addAll(subdirs(suite));
    }
    return out;
  }

  /** A YAML file as plain data: maps, lists, BigInteger, Boolean and strings. */
  public static Object readPlain(Path file) {
    try {
      return plain(YAML.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    if (node.isArray()) {
      List<Object> l = new ArrayList<>();
      node.forEach(n -> l.add(plain(n)));
      return l;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      // uint128/uint256 values are written as quoted decimal strings.
      String text = node.textValue();
      return text.matches("[0-9]+") ? new BigInteger(text) : text;
    }
    if (node.isNumber()) {
      // YAML numbers in the vectors are all integers; anything else is a reading error.
      throw new IllegalArgumentException("non-integer number " + node);
    }
    throw new IllegalArgumentException("unexpected YAML node " + node);
  }

  /** Converts numbers of any Java integer class to BigInteger, recursively. */
  public static Object normalise(Object plain) {
    if (plain instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
      return out;
    }
    if (plain instanceof List<?> l) {
      return l.stream().map(SpecTestVectors::normalise).toList();
    }
    if (plain instanceof Integer || plain instanceof Long || plain instanceof Short
        || plain instanceof Byte) {
      return BigInteger.valueOf(((Number) plain).longValue());
    }
    return plain;
  }

  /** The path to the first difference between two plain values, or null when they are equal. */
  public static String firstDifference(Object expected, Object actual, String path) {
    if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
      if (!new ArrayList<>(em.keySet()).equals(new ArrayList<>(am.keySet()))) {
        return path + ": fields " + em.keySet() + " expected, got " + am.keySet();
      }
      for (Object k : em.keySet()) {
        String d = firstDifference(em.get(k), am.get(k), path + "." + k);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected instanceof List<?> el && actual instanceof List<?> al) {
      if (el.size() != al.size()) {
        return path + ": " + el.size() + " elements expected, got " + al.size();
      }
      for (int i = 0; i < el.size(); i++) {
        String d = firstDifference(el.get(i), al.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return java.util.Objects.equals(expected, actual)
        ? null
        : path + ": expected " + expected + " (" + cls(expected) + "), got " + actual + " ("
            + cls(actual) + ")";
  }

  private static String cls(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }
}
