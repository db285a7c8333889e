package io.edvt.reftests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every throwable of an executor is a failure in the summary, errors included. */
class CaseRunnerTest {

  private static TestCase aCase(String name) {
    return new TestCase("minimal", "fulu", "sanity", "blocks", "pyspec_tests", name, Path.of("."));
  }

  private static String runAll(Summary summary, List<Throwable> failures) {
    int i = 0;
    for (Throwable failure : failures) {
      CaseRunner runner = new CaseRunner(c -> tc -> {
        if (failure instanceof Exception e) {
          throw e;
        }
        throw (Error) failure;
      }, summary);
      TestCase c = aCase("case_" + i++);
      assertThatThrownBy(() -> runner.run(c)).isSameAs(failure);
    }
    return summary.render();
  }

  @Test
  void anErrorIsCountedAsAFailureLikeAnException() {
    Summary summary = new Summary();
    String table = runAll(summary, List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
        new ExceptionInInitializerError("static init"), new AssertionError("post differs"), new IllegalStateException("bug")));
    assertThat(summary.totalFailed()).isEqualTo(5);
    assertThat(table).contains("minimal/fulu/sanity/blocks passed=0 failed=5 skipped=0")
        .contains("java.lang.StackOverflowError").contains("Java heap space");
  }

  @Test
  void aPassAndASkipAreCountedAsSuch() throws Throwable {
    Summary summary = new Summary();
    new CaseRunner(c -> tc -> { }, summary).run(aCase("ok"));
    CaseRunner skipping = new CaseRunner(c -> tc -> {
      throw new SkipCase("no executor yet");
    }, summary);
    assertThatThrownBy(() -> skipping.run(aCase("skipped"))).isInstanceOf(SkipCase.class);
    assertThat(summary.totalFailed()).isZero();
    assertThat(summary.render()).contains("passed=1 failed=0 skipped=1").contains("1 skipped: no executor yet");
  }

  @Test
  void aGroupFailureWithoutCasesGetsItsOwnFailedLine() {
    Summary summary = new Summary();
    summary.failed("minimal/fulu/operations/withdrawals", "completeness", new AssertionError("handler missing"));
    assertThat(summary.totalFailed()).isEqualTo(1);
    assertThat(summary.render()).contains("minimal/fulu/operations/withdrawals passed=0 failed=1 skipped=0")
        .contains("completeness: handler missing");
  }
}
