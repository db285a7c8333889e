package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Section;

public final class Slashing implements Scenario {
  public static final String NAME = "slashing-2m-le-n";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    return new Section(NAME, NAME);
  }
}
