package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Section;

/** One of the EIP's open questions, answered with numbers, a table, a plot and a sentence. */
public interface Scenario {
  /** The name used on the command line and in the EIP's {@code <!-- SIMULATOR: name -->} markers. */
  String name();

  /** Runs the scenario and returns its report section. */
  Section run(ScenarioContext context);
}
