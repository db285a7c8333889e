package io.edvt.reftests.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.reftests.CaseWalker;
import io.edvt.reftests.Selection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import io.edvt.reftests.completeness.CompletenessCheck.Expected;
import io.edvt.reftests.completeness.CompletenessCheck.Shortfall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest holds the provided vectors exactly, and a partial copy of them, or a tree short of
 * the release, fails the groups it lacks.
 */
class CompletenessCheckTest {
  private static final VectorManifest MANIFEST = VectorManifest.load();
  private static final CompletenessCheck CHECK = new CompletenessCheck(MANIFEST);

  @TempDir Path tmp;

  private static List<TestCase> provided() {
    return CaseWalker.cases(VectorsRoot.providedTestsDir().orElseThrow(), c -> true);
  }

  @Test
  void theProvidedVectorsHaveEveryGroupAndCountOfTheManifest() {
    assertThat(MANIFEST.release()).isEqualTo("v1.7.0-alpha.13");
    assertThat(CHECK.shortfalls(provided(), Expected.PROVIDED, Selection.of(""))).isEmpty();
    // and the manifest counts every group the provided vectors have, no more and no fewer cases
    Map<String, Long> found = provided().stream().collect(java.util.stream.Collectors.groupingBy(TestCase::group,
        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    assertThat(found.keySet()).containsExactlyElementsOf(MANIFEST.providedCounts().keySet());
    found.forEach((group, n) -> assertThat(n).as(group).isEqualTo((long) MANIFEST.providedCounts().get(group)));
  }

  @Test
  void theReleaseHasMoreThanTheProvidedSet() {
    assertThat(MANIFEST.releaseGroups()).containsAll(MANIFEST.providedCounts().keySet())
        .contains("mainnet/fulu/operations/attestation", "minimal/fulu/random/random", "minimal/fulu/transition/core",
            "general/phase0/ssz_generic/uints");
    // the provided set lacks the mainnet operations, so taken for a full download it falls short
    assertThat(CHECK.shortfalls(provided(), Expected.RELEASE, Selection.of("")))
        .extracting(Shortfall::group).contains("mainnet/fulu/operations/attestation")
        .doesNotContain("minimal/fulu/operations/attestation");
  }

  /** A copy of the provided tree's case folders (one file each) under {@code prefixes}, keeping {@code keep} cases of each handler. */
  private Path partialCopy(int keep, String... prefixes) throws IOException {
    Path root = tmp.resolve("tests");
    for (TestCase c : provided()) {
      if (java.util.Arrays.stream(prefixes).noneMatch(p -> c.displayName().startsWith(p))) {
        continue;
      }
      Path handler = root.resolve(c.preset()).resolve(c.fork()).resolve(c.runner()).resolve(c.handler());
      long have = Files.exists(handler) ? Files.walk(handler, 2).filter(p -> handler.relativize(p).getNameCount() == 2).count() : 0;
      if (have < keep) {
        Path dir = Files.createDirectories(handler.resolve(c.suite()).resolve(c.name()));
        Files.writeString(dir.resolve("meta.yaml"), "{}\n");
      }
    }
    return root;
  }

  @Test
  void aFolderMissingFromAPartialCopyFailsItsRunner() throws IOException {
    // the operations runner without its withdrawals handler, and no sanity runner at all
    Path root = partialCopy(Integer.MAX_VALUE, "minimal/fulu/operations/attestation", "minimal/fulu/operations/block_header");
    List<Shortfall> shortfalls = CHECK.shortfalls(CaseWalker.cases(root, c -> true), Expected.PROVIDED,
        Selection.of("minimal/fulu/operations,minimal/fulu/sanity"));
    assertThat(shortfalls).extracting(Shortfall::group)
        .contains("minimal/fulu/operations/withdrawals", "minimal/fulu/sanity/blocks", "minimal/fulu/sanity/slots")
        .doesNotContain("minimal/fulu/operations/attestation", "minimal/fulu/operations/block_header",
            "minimal/fulu/epoch_processing/slashings");
    assertThat(shortfalls).filteredOn(s -> s.group().equals("minimal/fulu/operations/withdrawals")).singleElement()
        .extracting(Shortfall::message).asString().contains("no case of this handler").contains("81 cases");
    assertThat(shortfalls).filteredOn(s -> s.group().equals("minimal/fulu/sanity/blocks")).singleElement()
        .extracting(Shortfall::message).asString().contains("no case of runner minimal/fulu/sanity");
  }

  @Test
  void fewerCasesThanKnownFailTheHandler() throws IOException {
    Path root = partialCopy(10, "minimal/fulu/operations/attestation");
    List<Shortfall> shortfalls = CHECK.shortfalls(CaseWalker.cases(root, c -> true), Expected.RELEASE,
        Selection.of("minimal/fulu/operations/attestation"));
    assertThat(shortfalls).singleElement().satisfies(s -> {
      assertThat(s.group()).isEqualTo("minimal/fulu/operations/attestation");
      assertThat(s.message()).contains("only 10 cases").contains("49");
    });
  }

  @Test
  void aSelectionOfSingleCasesSaysNothingAboutTheirHandler() {
    Selection one = Selection.of("minimal/fulu/operations/attestation/pyspec_tests/one_basic_attestation");
    assertThat(one.coversGroup("minimal/fulu/operations/attestation")).isFalse();
    assertThat(CHECK.shortfalls(List.of(), Expected.PROVIDED, one)).isEmpty();
    assertThat(Selection.of("minimal/fulu/ops").coversGroup("minimal/fulu/operations/attestation")).isFalse();
    assertThat(Selection.of("minimal/fulu/operations").coversGroup("minimal/fulu/operations/attestation")).isTrue();
  }
}
