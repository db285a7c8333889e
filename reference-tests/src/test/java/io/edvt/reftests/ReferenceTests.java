package io.edvt.reftests;

import io.edvt.infrastructure.io.OfficialVectors;
import io.edvt.reftests.CaseWalker.LayoutProblem;
import io.edvt.reftests.CaseWalker.Walk;
import io.edvt.reftests.completeness.CompletenessCheck.Expected;
import io.edvt.reftests.completeness.CompletenessCheck.Shortfall;
import io.edvt.reftests.completeness.CompletenessCheck;
import io.edvt.reftests.completeness.VectorManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Runs every case under the vectors root (see {@link VectorsRoot}) through its executor and
 * writes {@code target/reference-tests-summary.txt}. Set {@code REFTESTS_ONLY} (or
 * {@code -Dreftests.only}) to a comma-separated list of path prefixes such as
 * {@code minimal/fulu/ssz_static,general} to run a subset.
 *
 * <p>Before the cases, the trees are checked: a folder at the wrong depth, and (for the official
 * root) a runner, handler or case count short of {@link VectorManifest}, are failures of their
 * group, so a partial tree cannot pass as complete.
 */
class ReferenceTests {
  private static final Summary SUMMARY = new Summary();
  private static final CaseRunner RUNNER = new CaseRunner(new ExecutorRegistry()::executorFor, SUMMARY);

  @TestFactory
  Stream<DynamicTest> consensusSpecTests() {
    Selection selection = Selection.fromEnvironment();
    Optional<Path> official = VectorsRoot.officialTestsDir();
    if (official.isEmpty()) {
      SUMMARY.note("official vectors not run: " + OfficialVectors.missingMessage());
    }
    List<Path> roots = VectorsRoot.allTestsDirs();
    List<TestCase> cases = new ArrayList<>();
    List<DynamicTest> checks = new ArrayList<>();
    for (Path root : roots) {
      Walk walk = CaseWalker.walk(root, selection::selects);
      cases.addAll(walk.cases());
      for (LayoutProblem p : walk.problems()) {
        if (selection.touches(p.path())) {
          checks.add(groupFailure(p.group(), "layout " + p.path(), p.path() + ": " + p.message() + " (under " + root + ")"));
        }
      }
      if (official.isPresent() && root.equals(official.get())) {
        Expected expected = VectorsRoot.isProvidedSet(root) ? Expected.PROVIDED : Expected.RELEASE;
        for (Shortfall s : new CompletenessCheck(VectorManifest.load()).shortfalls(walk.cases(), expected, selection)) {
          checks.add(groupFailure(s.group(), "completeness", s.group() + ": " + s.message() + " (under " + root + ")"));
        }
      }
    }
    if (cases.isEmpty()) {
      throw new IllegalStateException("no reference-test cases under " + roots + " (filter: " + selection + ")");
    }
    System.out.println("reference-tests: " + cases.size() + " cases under " + roots);
    return Stream.concat(checks.stream(),
        cases.stream().map(c -> DynamicTest.dynamicTest(c.displayName(), c.dir().toUri(), () -> run(c))));
  }

  /** A failing entry of {@code group} in the summary and in JUnit's report. */
  private static DynamicTest groupFailure(String group, String what, String message) {
    return DynamicTest.dynamicTest(group + " [" + what + "]", () -> {
      AssertionError failure = new AssertionError(message);
      SUMMARY.failed(group, what, failure);
      throw failure;
    });
  }

  private static void run(TestCase c) throws Throwable {
    try {
      RUNNER.run(c);
    } catch (SkipCase skip) {
      throw new TestAbortedException(skip.getMessage());
    }
  }

  @AfterAll
  static void writeSummary() {
    SUMMARY.write(Path.of("target", "reference-tests-summary.txt"));
    System.out.println();
    System.out.print(SUMMARY.render());
  }
}
