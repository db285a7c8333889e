package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Progress;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a scenario runs with: its parameters (quick sizes applied), the seed, the output folder and
 * where progress goes. Scenarios that depend on another's measurement (the late-block rate and view
 * divergence) recompute it from the same parameters, so each runs alone.
 */
public record ScenarioContext(Params all, boolean quick, long seed, Path out, PrintStream progressTo) {
  public Params params(String scenario) {
    return all.section(scenario, quick);
  }

  public Progress progress(String label, long total) {
    return new Progress(progressTo, label, total);
  }
}
