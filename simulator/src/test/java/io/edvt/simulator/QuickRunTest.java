package io.edvt.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.simulator.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate all --quick}: every scenario runs, and the report folder has what it promises. */
class QuickRunTest {

  @Test
  void simulateAllQuickWritesTheReportWithATablePlotAndSentencePerScenario(@TempDir Path out) throws Exception {
    assertThat(Main.run(new String[] {"simulate", "all", "--quick", "--out", out.toString()})).isZero();
    String report = Files.readString(out.resolve("report.md"));
    assertThat(out.resolve("index.html")).exists();
    for (String name : Scenarios.names()) {
      assertThat(out.resolve(name + ".csv")).as(name).exists();
      assertThat(out.resolve(name + ".png")).as(name).exists();
      assertThat(report).contains("- `" + name + "`: ");
    }
    for (String marker : new String[] {"leader-timeout", "signoff-head-start"}) {
      assertThat(report).contains("- `" + marker + "`: ");
    }
    assertThat(report).contains("Full stack").contains("Model");
  }

  @Test
  void anUnknownParameterIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    Path params = dir.resolve("p.yaml");
    Files.writeString(params, "late-block-rewards:\n  epoch: 3\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.edvt.simulator.scenario.Params.load(params))
        .hasMessageContaining("late-block-rewards.epoch");
  }
}
