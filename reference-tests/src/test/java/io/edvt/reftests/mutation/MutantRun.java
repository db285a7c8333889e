package io.edvt.reftests.mutation;

import io.edvt.reftests.CaseWalker;
import io.edvt.reftests.ExecutorRegistry;
import io.edvt.reftests.TestCase;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the repository's EDVT vectors whose path starts with one of the given prefixes and stops at
 * the first case that fails. {@link RuleMutationTest} runs it through a {@link MutantClassLoader}
 * with a mutated group rule ahead of the real one; {@link #main} does the same from a command line
 * (a mutant directory first on the class path). The verdict is {@code KILLED <case>: <reason>} or
 * {@code SURVIVED <n> cases}.
 */
public final class MutantRun {
  private MutantRun() {}

  /** Usage: {@code MutantRun <vectors tests dir> <prefix>[,<prefix>...]}. */
  public static void main(String[] args) {
    System.out.println(run(Path.of(args[0]), args[1]));
  }

  /** The verdict for the cases under {@code tests} whose path starts with one of the comma-separated {@code prefixes}. */
  public static String run(Path tests, String prefixes) {
    List<String> only = List.of(prefixes.split(","));
    List<TestCase> cases = CaseWalker.cases(tests, c -> only.stream().anyMatch(p -> c.displayName().startsWith(p)));
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no cases under " + tests + " for " + only);
    }
    ExecutorRegistry registry = new ExecutorRegistry();
    for (TestCase c : cases) {
      try {
        registry.executorFor(c).run(c);
      } catch (Exception | AssertionError e) {
        String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return "KILLED " + c.displayName() + ": " + e.getClass().getSimpleName() + ": " + reason;
      }
    }
    return "SURVIVED " + cases.size() + " cases";
  }
}
