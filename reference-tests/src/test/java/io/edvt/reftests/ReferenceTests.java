package io.edvt.reftests;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
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
 */
class ReferenceTests {
  private static final Summary SUMMARY = new Summary();
  private static final CaseRunner RUNNER = new CaseRunner(new ExecutorRegistry()::executorFor, SUMMARY);

  @TestFactory
  Stream<DynamicTest> consensusSpecTests() {
    List<Path> tests = VectorsRoot.allTestsDirs();
    List<TestCase> cases = new java.util.ArrayList<>();
    for (Path root : tests) {
      cases.addAll(CaseWalker.cases(root, onlyFilter()));
    }
    if (cases.isEmpty()) {
      throw new IllegalStateException("no reference-test cases under " + tests + " (filter: " + onlyValue() + ")");
    }
    System.out.println("reference-tests: " + cases.size() + " cases under " + tests);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.displayName(), c.dir().toUri(), () -> run(c)));
  }

  private static void run(TestCase c) throws Throwable {
    try {
      RUNNER.run(c);
    } catch (SkipCase skip) {
      throw new TestAbortedException(skip.getMessage());
    }
  }

  private static String onlyValue() {
    String v = System.getenv("REFTESTS_ONLY");
    return v == null || v.isBlank() ? System.getProperty("reftests.only", "") : v;
  }

  private static Predicate<TestCase> onlyFilter() {
    String v = onlyValue();
    if (v.isBlank()) {
      return c -> true;
    }
    List<String> prefixes = List.of(v.split(","));
    return c -> prefixes.stream().anyMatch(p -> c.displayName().startsWith(p.trim()));
  }

  @AfterAll
  static void writeSummary() {
    SUMMARY.write(Path.of("target", "reference-tests-summary.txt"));
    System.out.println();
    System.out.print(SUMMARY.render());
  }
}
