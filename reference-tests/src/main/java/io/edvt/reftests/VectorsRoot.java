package io.edvt.reftests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the folder that holds {@code tests/<preset>/...}: the environment variable
 * {@code CONSENSUS_SPEC_TESTS_DIR} or the system property {@code consensus.spec.tests.dir}
 * (a full official download, or its {@code tests} folder), else {@code ../shared/vectors}
 * beside the project. {@link #allTestsDirs()} adds this repository's own EDVT vectors
 * ({@code reference-tests/vectors/tests}); the environment variable replaces only the official root.
 */
public final class VectorsRoot {
  public static final String ENV = "CONSENSUS_SPEC_TESTS_DIR";
  public static final String PROPERTY = "consensus.spec.tests.dir";

  private VectorsRoot() {}

  /** The {@code tests} folder to walk; throws with a clear message when there is none. */
  public static Path testsDir() {
    String configured = System.getenv(ENV);
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty(PROPERTY);
    }
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured).toAbsolutePath().normalize();
      Path tests = asTestsDir(p);
      if (tests == null) {
        throw new IllegalStateException(ENV + "=" + configured
            + " has no 'tests/<preset>/' folders: point it at the root of a consensus-spec-tests download (the folder that contains 'tests').");
      }
      return tests;
    }
    return providedTestsDir().orElseThrow(() -> new IllegalStateException("no reference vectors found: expected "
        + "../shared/vectors beside the project, or set " + ENV + " to the root of a consensus-spec-tests download."));
  }

  /** The provided vectors' {@code tests} folder, {@code ../shared/vectors/tests} beside the project, if there. */
  public static java.util.Optional<Path> providedTestsDir() {
    // Surefire runs in the module folder; the project root is its parent.
    Path cwd = Path.of("").toAbsolutePath();
    for (Path base = cwd; base != null; base = base.getParent()) {
      Path tests = asTestsDir(base.resolveSibling("shared").resolve("vectors"));
      if (tests != null) {
        return java.util.Optional.of(tests.normalize());
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether {@code tests} is the provided subset rather than a full download of the release. */
  public static boolean isProvidedSet(Path tests) {
    return providedTestsDir().map(p -> p.equals(tests.toAbsolutePath().normalize())).orElse(false);
  }

  /**
   * The {@code tests} folders to walk: the official root ({@link #testsDir()}) and, when present,
   * this repository's own EDVT vectors ({@link #repositoryTestsDir()}).
   */
  public static java.util.List<Path> allTestsDirs() {
    java.util.List<Path> out = new java.util.ArrayList<>();
    out.add(testsDir());
    Path own = repositoryTestsDir();
    if (own != null && !out.contains(own)) {
      out.add(own);
    }
    return out;
  }

  /** This repository's committed vectors, {@code reference-tests/vectors/tests}, or null when not found. */
  public static Path repositoryTestsDir() {
    for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
      for (Path candidate : java.util.List.of(base.resolve("vectors").resolve("tests"),
          base.resolve("reference-tests").resolve("vectors").resolve("tests"))) {
        if (Files.isDirectory(candidate) && candidate.getParent().getParent().getFileName().toString().equals("reference-tests")) {
          return candidate.normalize();
        }
      }
    }
    return null;
  }

  private static Path asTestsDir(Path p) {
    if (Files.isDirectory(p.resolve("tests"))) {
      return p.resolve("tests");
    }
    if (p.getFileName() != null && p.getFileName().toString().equals("tests") && Files.isDirectory(p)) {
      return p;
    }
    return null;
  }
}
