package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Section;

public final class RandaoGrinding implements Scenario {
  public static final String NAME = "randao-grinding";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    return new Section(NAME, NAME);
  }
}
