package io.edvt.reftests;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.reftests.CaseWalker.LayoutProblem;
import io.edvt.reftests.CaseWalker.Walk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder at the wrong depth is reported, not silently dropped or taken for something else. */
class CaseWalkerTest {
  @TempDir Path tests;

  private void file(String path) throws IOException {
    Path f = tests.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "x");
  }

  @Test
  void aWellFormedTreeHasCasesAndNoProblems() throws IOException {
    file("README.md");
    file("minimal/fulu/operations/attestation/pyspec_tests/one/pre.ssz_snappy");
    file("minimal/fulu/operations/attestation/pyspec_tests/two/pre.ssz_snappy");
    Walk walk = CaseWalker.walk(tests, c -> true);
    assertThat(walk.problems()).isEmpty();
    assertThat(walk.cases()).extracting(TestCase::name).containsExactly("one", "two");
  }

  @Test
  void aCaseWithoutItsSuiteFolderIsReported() throws IOException {
    file("minimal/fulu/operations/attestation/pyspec_tests/one/pre.ssz_snappy");
    // one level too high: the case folder sits where suites belong
    file("minimal/fulu/operations/attestation/lost_case/pre.ssz_snappy");
    Walk walk = CaseWalker.walk(tests, c -> true);
    assertThat(walk.cases()).extracting(TestCase::name).containsExactly("one");
    assertThat(walk.problems()).extracting(LayoutProblem::path)
        .containsExactly("minimal/fulu/operations/attestation/lost_case");
    assertThat(walk.problems().get(0).group()).isEqualTo("minimal/fulu/operations/attestation");
    assertThat(walk.problems().get(0).message()).contains("wrong depth");
  }

  @Test
  void aCaseNestedTooDeepAndEmptyFoldersAreReported() throws IOException {
    file("minimal/fulu/sanity/blocks/pyspec_tests/outer/inner/pre.ssz_snappy");
    Files.createDirectories(tests.resolve("minimal/fulu/sanity/slots/pyspec_tests/empty_case"));
    Files.createDirectories(tests.resolve("minimal/fulu/finality"));
    Walk walk = CaseWalker.walk(tests, c -> true);
    assertThat(walk.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactlyInAnyOrder(
        "minimal/fulu/finality: no handler folders in it",
        "minimal/fulu/sanity/blocks/pyspec_tests/outer: case folder holds folders: a case nested one level too deep?",
        "minimal/fulu/sanity/blocks/pyspec_tests/outer: case folder has no files",
        "minimal/fulu/sanity/slots/pyspec_tests/empty_case: case folder has no files");
  }
}
