package io.edvt.node.cli;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.ssz.PlainForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The consensus-spec-tests cases the tool tests run on: this repository's EDVT vectors
 * ({@code reference-tests/vectors/tests}) and the Fulu vectors in {@code ../shared/vectors/tests}
 * (or {@code CONSENSUS_SPEC_TESTS_DIR}). A test that needs the Fulu vectors fails, saying so, when
 * they are missing.
 */
public final class Vectors {
  private Vectors() {}

  /** The repository root (Maven passes it; a run from the module folder finds it as the parent). */
  public static Path repository() {
    String configured = System.getProperty("edvt.repository");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  /** {@code <preset>/edvt} of this repository's vectors. */
  public static Path edvt(String preset) {
    return repository().resolve("reference-tests/vectors/tests").resolve(preset).resolve("edvt");
  }

  /** {@code <preset>/fulu} of the official vectors; fails the test with the reason when they are missing. */
  public static Path fulu(String preset) {
    String env = System.getenv("CONSENSUS_SPEC_TESTS_DIR");
    Path tests = env != null && !env.isBlank()
        ? Path.of(env).resolve("tests")
        : repository().resolveSibling("shared").resolve("vectors").resolve("tests");
    Path dir = tests.resolve(preset).resolve("fulu");
    if (!Files.isDirectory(dir)) {
      fail("the Fulu vectors are missing: no " + dir + " (expected ../shared/vectors beside the repository, "
          + "or CONSENSUS_SPEC_TESTS_DIR pointing at a consensus-spec-tests download)");
    }
    return dir;
  }

  /** The case folders of {@code handlerDir} ({@code <handler>/<suite>/<case>}), sorted. */
  public static List<Path> cases(Path handlerDir) {
    try (Stream<Path> suites = Files.list(handlerDir)) {
      return suites.sorted().flatMap(suite -> list(suite).stream()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A case folder by path below {@code root}. */
  public static Path of(Path root, String relative) {
    Path dir = root.resolve(relative);
    if (!Files.isDirectory(dir)) {
      fail("vector case missing: " + dir);
    }
    return dir;
  }

  /** The case's {@code blocks_<i>.ssz_snappy} files in order. */
  public static List<Path> blocks(Path caseDir) {
    int count = yaml(caseDir.resolve("meta.yaml")).path("blocks_count").asInt(-1);
    if (count < 0) {
      fail("no blocks_count in " + caseDir.resolve("meta.yaml"));
    }
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> caseDir.resolve("blocks_" + i + ".ssz_snappy")).toList();
  }

  /** {@code roots.yaml}'s root. */
  public static String root(Path caseDir) {
    return yaml(caseDir.resolve("roots.yaml")).get("root").asText();
  }

  /** The decompressed SSZ of a {@code .ssz_snappy} file. */
  public static byte[] ssz(Path file) {
    return SnappyFiles.readSszSnappy(file);
  }

  public static JsonNode yaml(Path file) {
    try {
      return PlainForm.yamlReader().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted(Comparator.naturalOrder()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
