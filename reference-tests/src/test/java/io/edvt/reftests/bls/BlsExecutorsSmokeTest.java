package io.edvt.reftests.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.VectorsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every case of {@code tests/general/<fork>/bls/} through {@link BlsExecutors}, independently
 * of the suite-wide runner, and checks that the executors really compare against the expected
 * outputs (a case with a falsified output must fail).
 */
class BlsExecutorsSmokeTest {
  /** The bls cases of the v1.5/v1.6 consensus-spec-tests general vectors (phase0 + altair). */
  private static final int EXPECTED_CASES = 118;

  /** The official vectors' {@code general} folder; fails with the one-line fix when they are absent. */
  private static Path generalDir() {
    return VectorsRoot.testsDir().resolve("general");
  }

  private static List<Path> dirs(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static List<TestCase> blsCases(Path general) throws IOException {
    List<TestCase> cases = new ArrayList<>();
    for (Path fork : dirs(general)) {
      for (Path handler : dirs(fork.resolve("bls"))) {
        for (Path suite : dirs(handler)) {
          for (Path c : dirs(suite)) {
            cases.add(new TestCase("general", fork.getFileName().toString(), "bls",
                handler.getFileName().toString(), suite.getFileName().toString(), c.getFileName().toString(), c));
          }
        }
      }
    }
    return cases;
  }

  @Test
  void everyBlsVectorPasses() throws IOException {
    Path general = generalDir();
    Map<String, TestExecutor> executors = BlsExecutors.executors();
    Map<String, int[]> perHandler = new TreeMap<>(); // pass, fail, skip
    List<String> problems = new ArrayList<>();
    List<TestCase> cases = blsCases(general);
    for (TestCase tc : cases) {
      int[] counts = perHandler.computeIfAbsent(tc.fork() + "/" + tc.handler(), k -> new int[3]);
      TestExecutor executor = executors.get(tc.handler());
      if (executor == null) {
        counts[1]++;
        problems.add(tc.displayName() + ": no executor for handler " + tc.handler());
        continue;
      }
      try {
        executor.run(tc);
        counts[0]++;
      } catch (SkipCase e) {
        counts[2]++;
        problems.add(tc.displayName() + ": skipped: " + e.getMessage());
      } catch (Throwable t) {
        counts[1]++;
        problems.add(tc.displayName() + ": " + t);
      }
    }
    StringBuilder table = new StringBuilder("bls vectors (pass/fail/skip):\n");
    perHandler.forEach((k, v) -> table.append(String.format("  %-40s %3d %3d %3d%n", k, v[0], v[1], v[2])));
    System.out.print(table);
    assertThat(problems).as(table.toString()).isEmpty();
    assertThat(cases).hasSize(EXPECTED_CASES);
    assertThat(perHandler.keySet()).hasSize(11);
  }

  @Test
  void executorRejectsAFalsifiedVerifyOutcome(@TempDir Path tmp) throws IOException {
    TestCase tc = writeCase(tmp, "verify", """
        input: {pubkey: '0xb53d21a4cfd562c469cc81514d4ce5a6b577d8403d32a394dc265dd190b47fa9f829fdd7963afdf972e5e77854051f6f',
          message: '0xabababababababababababababababababababababababababababababababab', signature: '0xae82747ddeefe4fd64cf9cedb9b04ae3e8a43420cd255e3c7cd06a8d88b7c7f8638543719981c5d16fa3527c468c25f0026704a6951bde891360c7e8d12ddee0559004ccdbe6046b55bae1b257ee97f7cdb955773d7cf29adf3ccbb9975e4eb9'}
        output: %s
        """);
    assertThatCode(tc, "true").doesNotThrowAnyException();
    assertThatThrownBy(() -> run(tc, "false"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected false but got true");
  }

  @Test
  void executorRejectsAWrongSignatureAndAnUnexpectedFailure(@TempDir Path tmp) throws IOException {
    TestCase tc = writeCase(tmp, "sign", """
        input: {privkey: '0x328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216',
          message: '0x0000000000000000000000000000000000000000000000000000000000000000'}
        output: %s
        """);
    String good = "'0x948a7cb99f76d616c2c564ce9bf4a519f1bea6b0a624a02276443c245854219fabb8d4ce061d255af5330b078d5380681751aa7053da2c98bae898edc218c75f07e24d8802a17cd1f6833b71e58f5eb5b94208b4d0bb3848cecb075ea21be115'";
    assertThatCode(tc, good).doesNotThrowAnyException();
    assertThatThrownBy(() -> run(tc, good.replace("e115", "e116")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected");
    assertThatThrownBy(() -> run(tc, "null"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the operation to fail");
  }

  @Test
  void executorRequiresFailureForEmptyAggregate(@TempDir Path tmp) throws IOException {
    TestCase tc = writeCase(tmp, "aggregate", "input: []\noutput: %s\n");
    assertThatCode(tc, "null").doesNotThrowAnyException();
    assertThatThrownBy(() -> run(tc, "'0xc0" + "00".repeat(95) + "'"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("operation failed");
  }

  @Test
  void everyHandlerHasAnExecutor() {
    assertThat(BlsExecutors.executors())
        .containsOnlyKeys(
            "sign", "verify", "aggregate", "fast_aggregate_verify", "aggregate_verify", "batch_verify",
            "deserialization_G1", "deserialization_G2", "hash_to_G2", "eth_aggregate_pubkeys",
            "eth_fast_aggregate_verify");
  }

  // --- helpers -------------------------------------------------------------------------------

  private Path caseDir;
  private String template;

  private TestCase writeCase(Path tmp, String handler, String yamlTemplate) {
    this.caseDir = tmp.resolve(handler);
    this.template = yamlTemplate;
    return new TestCase("general", "phase0", "bls", handler, "bls", "synthetic", caseDir);
  }

  private void run(TestCase tc, String output) throws Exception {
    Files.createDirectories(caseDir);
    Files.writeString(caseDir.resolve("data.yaml"), template.formatted(output));
    BlsExecutors.executors().get(tc.handler()).run(tc);
  }

  private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertThatCode(TestCase tc, String output) {
    return org.assertj.core.api.Assertions.assertThatCode(() -> run(tc, output));
  }
}
