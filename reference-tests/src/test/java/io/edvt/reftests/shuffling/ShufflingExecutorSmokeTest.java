package io.edvt.reftests.shuffling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code shuffling/core} case of the official vectors ({@link VectorsRoot#testsDir()},
 * which fails with the command that fetches them when they are absent) through
 * {@link ShufflingExecutor}.
 */
class ShufflingExecutorSmokeTest {
  @TempDir Path tmp;

  @Test
  void allShufflingCasesPass() throws IOException {
    List<TestCase> cases = findCases();
    long minimal = cases.stream().filter(c -> c.preset().equals("minimal")).count();
    assertThat(minimal).as("minimal shuffling cases").isEqualTo(300);

    ShufflingExecutor executor = new ShufflingExecutor();
    List<String> failures = new ArrayList<>();
    for (TestCase c : cases) {
      try {
        executor.run(c);
      } catch (Exception | AssertionError e) {
        failures.add(c.displayName() + ": " + e);
      }
    }
    assertThat(failures).as("failed cases out of " + cases.size()).isEmpty();
  }

  /** The executor does fail: a mapping with two entries swapped is rejected. */
  @Test
  void corruptedMappingFails() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("case"));
    Files.writeString(
        dir.resolve("mapping.yaml"),
        "seed: '0x23bcd11624a07465b1c2fc1a0fe52996daae4bf87b0fb6bed45926096c644843'\n"
            + "count: 10\n"
            + "mapping: [6, 9, 2, 7, 8, 3, 0, 1, 5, 4]\n");
    TestCase c = new TestCase("minimal", "phase0", "shuffling", "core", "shuffle", "corrupted", dir);
    assertThatThrownBy(() -> new ShufflingExecutor().run(c))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("index 8");

    Files.writeString(
        dir.resolve("mapping.yaml"),
        "seed: '0x23bcd11624a07465b1c2fc1a0fe52996daae4bf87b0fb6bed45926096c644843'\n"
            + "count: 10\n"
            + "mapping: [6, 9, 2, 7, 8, 3, 0, 1, 4, 5]\n");
    new ShufflingExecutor().run(c);
  }

  private static List<TestCase> findCases() throws IOException {
    List<TestCase> cases = new ArrayList<>();
    try (Stream<Path> presets = Files.list(VectorsRoot.testsDir())) {
      for (Path presetDir : presets.sorted().toList()) {
        Path handlerDir = presetDir.resolve("phase0/shuffling/core");
        if (!Files.isDirectory(handlerDir)) {
          continue;
        }
        try (Stream<Path> suites = Files.list(handlerDir)) {
          for (Path suiteDir : suites.sorted().toList()) {
            try (Stream<Path> caseDirs = Files.list(suiteDir)) {
              for (Path caseDir : caseDirs.sorted().toList()) {
                cases.add(
                    new TestCase(
                        presetDir.getFileName().toString(),
                        "phase0",
                        "shuffling",
                        "core",
                        suiteDir.getFileName().toString(),
                        caseDir.getFileName().toString(),
                        caseDir));
              }
            }
          }
        }
      }
    }
    return cases;
  }
}
