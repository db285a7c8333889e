package io.edvt.reftests.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each EDVT rule exists once, in {@code group-identity}, and the state transition runs it: breaking
 * the rule in its one place breaks the EDVT vectors. For each rule, its source is mutated (one
 * boundary or constant changed), the class compiled alone against the test class path, and the
 * vectors that exercise it run with the mutant in place: the consensus code (spec modules, group
 * rules, executors) is loaded afresh by a {@link MutantClassLoader} that finds the mutant first,
 * while infrastructure and its native crypto stay shared (blst and snappy load once per process). The mutant
 * must be killed by a case; a control run without a mutant must pass the same harness.
 */
class RuleMutationTest {
  private static final Path GROUPS = Path.of("..", "group-identity", "src", "main", "java", "io", "edvt", "groups");
  private static final Path VECTORS = Path.of("vectors", "tests");

  /** A rule's one implementation, a change that breaks it, and the vectors that must notice. */
  private record Mutant(String rule, String file, String original, String mutated, String prefixes) {}

  private static final List<Mutant> MUTANTS = List.of(
      new Mutant("is_valid_threshold_signature accepts m - 1 signers", "ThresholdVerifier.java",
          "if (signers.count() >= required) {", "if (signers.count() + 1 >= required) {",
          "minimal/edvt/operations/voluntary_exit,minimal/edvt/operations/proposer_slashing"),
      new Mutant("the per-member tally grants a flag to m - 1 members", "ParticipationTally.java",
          "if (count(flag) >= threshold) {", "if (count(flag) + 1 >= threshold) {",
          "minimal/edvt/operations/attestation"),
      new Mutant("the virtual index puts the member index one bit higher", "VirtualIndex.java",
          "MEMBER_INDEX_MULTIPLIER = 1L << 41;", "MEMBER_INDEX_MULTIPLIER = 1L << 42;",
          "minimal/edvt/operations/attester_slashing"),
      new Mutant("get_group_key_set takes a key set only after its activation epoch", "GroupKeySets.java",
          "if (keySet.activationEpoch().isLessThanOrEqualTo(epoch)) {", "if (keySet.activationEpoch().isLessThan(epoch)) {",
          "minimal/edvt/operations/group_key_change,minimal/edvt/epoch_processing/group_key_set_pruning,minimal/edvt/sanity"),
      new Mutant("a new key set activates one period earlier", "KeyRotationTiming.java",
          ".plus(2).times(epochsPerSyncCommitteePeriod)", ".plus(1).times(epochsPerSyncCommitteePeriod)",
          "minimal/edvt/operations/group_registration,minimal/edvt/operations/group_key_change"),
      new Mutant("a group is slashable with m - 1 members on one side", "AttesterSlashings.java",
          "countAttestingMembers(vote, validatorIndex) >= keySet.get().threshold()",
          "countAttestingMembers(vote, validatorIndex) + 1 >= keySet.get().threshold()",
          "minimal/edvt/operations/attester_slashing"));

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> breakingAGroupRuleInItsOnePlaceBreaksTheVectors() {
    return MUTANTS.stream().map(m -> DynamicTest.dynamicTest(m.rule(), () -> {
      Path classes = Files.createDirectories(dir.resolve(m.file().replace(".java", "")));
      compileMutant(m, classes);
      String out = run(classes, m.prefixes());
      System.out.println("mutant [" + m.rule() + "]: " + out);
      assertThat(out).as(m.rule() + " (" + m.file() + ")").contains("KILLED ");
      // killed by a case's own verdict, not by a harness or class path problem
      assertThat(out).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "NoSuchMethodError",
          "UnsatisfiedLinkError");
    }));
  }

  @Test
  void theHarnessPassesTheSameVectorsWithoutAMutant() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("none"));
    assertThat(run(empty, "minimal/edvt/operations/sync_aggregate,minimal/edvt/operations/voluntary_exit"))
        .contains("SURVIVED ");
  }

  private static void compileMutant(Mutant m, Path out) throws IOException {
    Path source = GROUPS.resolve(m.file());
    String text = Files.readString(source);
    assertThat(text).as("the rule's code in " + source).contains(m.original());
    Path mutated = out.resolve("src").resolve(m.file());
    Files.createDirectories(mutated.getParent());
    Files.writeString(mutated, text.replace(m.original(), m.mutated()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
        "-nowarn", "-proc:none", mutated.toString());
    assertThat(rc).as("compiling the mutant of " + m.file()).isZero();
  }

  private static String run(Path mutantClasses, String prefixes) throws Exception {
    try (MutantClassLoader loader = new MutantClassLoader(mutantClasses)) {
      return loader.runVectors(VECTORS, prefixes);
    }
  }
}
