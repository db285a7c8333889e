package io.edvt.reftests.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.reftests.CaseWalker;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.SpecMilestone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The equivalence requirement on the provided Fulu vectors: a state without groups must give
 * Fulu's results. Every case of {@code minimal/fulu} {@code operations}, {@code sanity},
 * {@code finality}, {@code epoch_processing} (the step and, where the case has it, the whole
 * {@code process_epoch}) and {@code rewards} under the official vectors root is upgraded to EDVT
 * ({@code upgrade_to_edvt}, with EDVT's fork version equal to Fulu's so that the vectors'
 * signatures still verify) and run through EDVT's code, with Fulu's inputs converted to EDVT's
 * types where EDVT changes them ({@link FuluToEdvt}). EDVT must accept what Fulu accepts, with its
 * post state equal to the case's on every field both states have ({@link SharedFields}), and reject
 * what Fulu rejects by the same rule ({@link Rules}).
 *
 * <p>The number of cases compared per handler is printed and written to
 * {@code target/fulu-equivalence-summary.txt}; every difference fails the test; a case is skipped
 * only with a reason, listed there.
 */
class FuluVectorsEquivalenceTest {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final List<String> RUNNERS = List.of("operations", "sanity", "finality", "epoch_processing", "rewards");

  @Test
  void edvtWithoutGroupsGivesFulusResultsOnEveryFuluOperationsSanityFinalityEpochAndRewardsVector() throws IOException {
    Path tests = VectorsRoot.testsDir();
    List<TestCase> cases = CaseWalker.cases(tests, c -> c.preset().equals(EquivalenceSpecs.PRESET)
        && c.forkMilestone().equals(Optional.of(SpecMilestone.FULU)) && RUNNERS.contains(c.runner()));
    EquivalenceSpecs specs = new EquivalenceSpecs();
    FuluToEdvt convert = new FuluToEdvt(specs.fulu(), specs.edvt());
    Rules rules = new Rules();
    CaseComparison blocks = new BlockSequenceEquivalence(specs, convert, rules);
    Map<String, CaseComparison> byRunner = Map.of(
        "operations", new OperationsEquivalence(specs, convert, rules),
        "finality", blocks,
        "epoch_processing", new EpochEquivalence(specs, rules),
        "rewards", new RewardsEquivalence(specs));
    CaseComparison slots = new SlotsEquivalence(specs, rules);

    Map<String, Integer> compared = new TreeMap<>();
    Map<String, Long> millis = new TreeMap<>();
    Map<String, String> skipped = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int summariesByCount = 0;
    for (TestCase c : cases) {
      CaseComparison comparison = c.runner().equals("sanity") ? (c.handler().equals("slots") ? slots : blocks)
          : byRunner.get(c.runner());
      String reason = comparison.skipReason(c);
      if (reason != null) {
        skipped.put(c.displayName(), reason);
        continue;
      }
      Comparison result;
      long start = CPU.getCurrentThreadCpuTime();
      try {
        result = comparison.compare(c);
      } catch (RuntimeException e) {
        result = Comparison.differs("failed with " + e);
      }
      if (result.difference() != null) {
        failures.add(c.displayName() + ": " + result.difference());
      }
      millis.merge(c.runner(), (CPU.getCurrentThreadCpuTime() - start) / 1_000_000, Long::sum);
      summariesByCount += result.summariesByCount();
      compared.merge(c.runner() + "/" + c.handler(), 1, Integer::sum);
    }

    String report = report(tests, compared, skipped, failures, rules, summariesByCount)
        + "  CPU time per runner (ms, this thread): " + millis + "\n";
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "fulu-equivalence-summary.txt"), report);

    assertThat(compared.keySet()).as("runners compared")
        .anyMatch(h -> h.startsWith("operations/")).anyMatch(h -> h.startsWith("sanity/"))
        .anyMatch(h -> h.startsWith("finality/")).anyMatch(h -> h.startsWith("epoch_processing/"))
        .anyMatch(h -> h.startsWith("rewards/"));
    assertThat(failures).as("cases where EDVT without groups differs from Fulu").isEmpty();
  }

  private static String report(Path tests, Map<String, Integer> compared, Map<String, String> skipped,
      List<String> failures, Rules rules, int summariesByCount) {
    StringBuilder sb = new StringBuilder("Fulu-vector equivalence (EDVT without groups vs Fulu), "
        + EquivalenceSpecs.PRESET + ", vectors under " + tests + "\n");
    compared.forEach((h, n) -> sb.append(String.format("  %-45s compared=%d%n", h, n)));
    sb.append("  total compared=").append(compared.values().stream().mapToInt(Integer::intValue).sum())
        .append(", skipped=").append(skipped.size()).append(", differing=").append(failures.size()).append('\n');
    sb.append("  historical summaries appended over EDVT's own roots, compared by count only: ").append(summariesByCount)
        .append('\n');
    rules.used().forEach((r, n) -> sb.append("  rule replaced by EDVT's spec, ").append(n).append("x: ").append(r).append('\n'));
    skipped.forEach((c, r) -> sb.append("  skipped ").append(c).append(": ").append(r).append('\n'));
    failures.forEach(f -> sb.append("  DIFFERS ").append(f).append('\n'));
    return sb.toString();
  }
}
