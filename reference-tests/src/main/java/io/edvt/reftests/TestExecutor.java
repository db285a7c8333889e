package io.edvt.reftests;

/**
 * Runs one reference-test case. Returning normally means the case passed; any exception
 * is a failure, except {@link SkipCase}, which reports the case as skipped with its reason.
 */
@FunctionalInterface
public interface TestExecutor {
  void run(TestCase testCase) throws Exception;
}
