package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Section;

public final class StakeConcentration implements Scenario {
  public static final String NAME = "stake-concentration";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    return new Section(NAME, NAME);
  }
}
