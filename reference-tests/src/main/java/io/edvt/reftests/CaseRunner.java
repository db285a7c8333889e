package io.edvt.reftests;

import java.util.function.Function;

/**
 * Runs one case through its executor and records the outcome in the {@link Summary}: passed when
 * the executor returns, skipped on {@link SkipCase}, and failed on every other throwable, an
 * {@link Error} (out of memory, stack overflow, a class that failed to initialise) as much as an
 * exception, so no failure can leave {@code failed=0} in the summary.
 */
public final class CaseRunner {
  private final Function<TestCase, TestExecutor> executors;
  private final Summary summary;

  public CaseRunner(Function<TestCase, TestExecutor> executors, Summary summary) {
    this.executors = executors;
    this.summary = summary;
  }

  /**
   * Runs {@code c}; rethrows what the executor threw (a {@link SkipCase} for a skip) after
   * recording it.
   */
  public void run(TestCase c) throws Throwable {
    try {
      executors.apply(c).run(c);
    } catch (SkipCase skip) {
      summary.skipped(c, skip.getMessage());
      throw skip;
    } catch (Throwable failure) {
      summary.failed(c, failure);
      throw failure;
    }
    summary.passed(c);
  }
}
