package io.edvt.infrastructure.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the official consensus-spec-tests vectors are, for every module's tests and for the
 * reference-test runner, in one order: {@code CONSENSUS_SPEC_TESTS_DIR} (or the system property
 * {@code consensus.spec.tests.dir}), then {@code ../shared/vectors} beside the project (or beside
 * one of its parent folders), then the cache that {@code ./edvt fetch-vectors} fills
 * ({@code ~/.cache/edvt/consensus-spec-tests/<release>/}, counted only once complete).
 */
public final class OfficialVectors {
  /** The consensus-specs release the runner and the vector manifest are pinned to. */
  public static final String RELEASE = "v1.7.0-alpha.13";
  public static final String ENV = "CONSENSUS_SPEC_TESTS_DIR";
  public static final String PROPERTY = "consensus.spec.tests.dir";
  /** Overrides the cache folder ({@code ~/.cache/edvt} by default, or {@code $XDG_CACHE_HOME/edvt}). */
  public static final String CACHE_ENV = "EDVT_CACHE_DIR";
  /** Written into a release's cache folder once every archive is verified and unpacked. */
  public static final String COMPLETE_MARKER = ".complete";

  /** Where the vectors were found. */
  public enum Source {
    CONFIGURED,
    PROVIDED,
    CACHE
  }

  /** A {@code tests} folder and where it came from. */
  public record Located(Path testsDir, Source source) {}

  private OfficialVectors() {}

  /**
   * The official vectors' {@code tests} folder, if any.
   *
   * @throws IllegalStateException when {@code CONSENSUS_SPEC_TESTS_DIR} is set but holds no
   *     {@code tests} folder (a configuration mistake, not an absence)
   */
  public static Optional<Located> find() {
    String configured = System.getenv(ENV);
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty(PROPERTY);
    }
    if (configured != null && !configured.isBlank()) {
      Path tests = asTestsDir(Path.of(configured).toAbsolutePath().normalize());
      if (tests == null) {
        throw new IllegalStateException(ENV + "=" + configured + " has no 'tests' folder: point it at the root of a "
            + "consensus-spec-tests download (the folder that contains 'tests'), or unset it.");
      }
      return Optional.of(new Located(tests, Source.CONFIGURED));
    }
    Optional<Path> provided = providedTestsDir();
    if (provided.isPresent()) {
      return Optional.of(new Located(provided.get(), Source.PROVIDED));
    }
    Path release = releaseCacheDir();
    if (Files.exists(release.resolve(COMPLETE_MARKER)) && Files.isDirectory(release.resolve("tests"))) {
      return Optional.of(new Located(release.resolve("tests"), Source.CACHE));
    }
    return Optional.empty();
  }

  /**
   * The official {@code tests} folder.
   *
   * @throws IllegalStateException with {@link #missingMessage()} when there is none
   */
  public static Path require() {
    return find().map(Located::testsDir).orElseThrow(() -> new IllegalStateException(missingMessage()));
  }

  /** The one line that says the vectors are missing and how to get them. */
  public static String missingMessage() {
    return "the official consensus-spec-tests vectors (" + RELEASE + ") are not here (looked at " + ENV
        + ", ../shared/vectors and " + releaseCacheDir() + "): get them with ./edvt fetch-vectors";
  }

  /** {@code ../shared/vectors/tests} beside the working folder or one of its parents, if there. */
  public static Optional<Path> providedTestsDir() {
    for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
      Path tests = asTestsDir(base.resolveSibling("shared").resolve("vectors"));
      if (tests != null) {
        return Optional.of(tests.normalize());
      }
    }
    return Optional.empty();
  }

  /** The cache root: {@code $EDVT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/edvt}, else {@code ~/.cache/edvt}. */
  public static Path cacheRoot() {
    String explicit = System.getenv(CACHE_ENV);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("edvt").toAbsolutePath().normalize();
  }

  /** {@code <cache root>/consensus-spec-tests/<release>}: archives, checksums and the unpacked {@code tests}. */
  public static Path releaseCacheDir() {
    return cacheRoot().resolve("consensus-spec-tests").resolve(RELEASE);
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
