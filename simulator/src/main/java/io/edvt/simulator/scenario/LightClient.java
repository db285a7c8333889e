package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Section;

public final class LightClient implements Scenario {
  public static final String NAME = "light-client";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    return new Section(NAME, NAME);
  }
}
