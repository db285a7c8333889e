package io.edvt.spec.schemas;

import io.edvt.infrastructure.io.OfficialVectors;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the consensus-spec-tests vectors for tests of this module ({@link OfficialVectors}:
 * {@code CONSENSUS_SPEC_TESTS_DIR}, {@code ../shared/vectors}, the fetch cache). A test that needs
 * them fails, with the command that gets them, when they are absent: it is never skipped. (Reading
 * a case's YAML in the plain form and comparing it is {@code PlainForm}'s job, in infrastructure.)
 */
public final class SpecTestVectors {
  private SpecTestVectors() {}

  /** The official {@code tests} folder, if there is one (lookup order of {@link OfficialVectors}). */
  public static Optional<Path> testsDir() {
    return OfficialVectors.find().map(OfficialVectors.Located::testsDir);
  }

  /** The official {@code tests} folder; fails the test with the one-line fix when there is none. */
  public static Path requireTestsDir() {
    return OfficialVectors.require();
  }
}
