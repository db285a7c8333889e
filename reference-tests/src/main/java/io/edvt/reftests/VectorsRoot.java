package io.edvt.reftests;

import io.edvt.infrastructure.io.OfficialVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders of vectors the runner walks: the official consensus-spec-tests root, found by
 * {@link OfficialVectors} ({@code CONSENSUS_SPEC_TESTS_DIR}, then {@code ../shared/vectors}, then
 * the cache of {@code ./edvt fetch-vectors}), and this repository's own EDVT vectors
 * ({@code reference-tests/vectors/tests}), which need no official root.
 */
public final class VectorsRoot {
  public static final String ENV = OfficialVectors.ENV;
  public static final String PROPERTY = OfficialVectors.PROPERTY;

  private VectorsRoot() {}

  /** The official {@code tests} folder; throws with the one-line fix when there is none. */
  public static Path testsDir() {
    return OfficialVectors.require();
  }

  /** The official {@code tests} folder, if there is one. */
  public static Optional<Path> officialTestsDir() {
    return OfficialVectors.find().map(OfficialVectors.Located::testsDir);
  }

  /** The provided vectors' {@code tests} folder, {@code ../shared/vectors/tests} beside the project, if there. */
  public static Optional<Path> providedTestsDir() {
    return OfficialVectors.providedTestsDir();
  }

  /** Whether {@code tests} is the provided subset rather than a full download of the release. */
  public static boolean isProvidedSet(Path tests) {
    return providedTestsDir().map(p -> p.equals(tests.toAbsolutePath().normalize())).orElse(false);
  }

  /**
   * The {@code tests} folders to walk: the official root when there is one and, when present,
   * this repository's own EDVT vectors ({@link #repositoryTestsDir()}).
   */
  public static List<Path> allTestsDirs() {
    List<Path> out = new ArrayList<>();
    officialTestsDir().ifPresent(out::add);
    Path own = repositoryTestsDir();
    if (own != null && !out.contains(own)) {
      out.add(own);
    }
    return out;
  }

  /** This repository's committed vectors, {@code reference-tests/vectors/tests}, or null when not found. */
  public static Path repositoryTestsDir() {
    for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
      for (Path candidate : List.of(base.resolve("vectors").resolve("tests"),
          base.resolve("reference-tests").resolve("vectors").resolve("tests"))) {
        if (Files.isDirectory(candidate) && candidate.getParent().getParent().getFileName().toString().equals("reference-tests")) {
          return candidate.normalize();
        }
      }
    }
    return null;
  }
}
