package io.edvt.reftests;

/**
 * Runs one reference-test case. Returning normally means the case passed; anything thrown (an
 * {@link Error} too) is a failure, except {@link SkipCase}, which reports the case as skipped with
 * its reason. A case that expects a rejection passes only on a {@link SpecRejection}.
 */
@FunctionalInterface
public interface TestExecutor {
  void run(TestCase testCase) throws Exception;
}
