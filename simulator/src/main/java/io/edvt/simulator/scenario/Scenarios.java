package io.edvt.simulator.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every scenario by name, in the order {@code all} runs them. */
public final class Scenarios {
  private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

  static {
    ALL.put(LightClient.NAME, LightClient::new);
    ALL.put(StakeConcentration.NAME, StakeConcentration::new);
    ALL.put(GossipLoad.NAME, GossipLoad::new);
    ALL.put(RandaoGrinding.NAME, RandaoGrinding::new);
    ALL.put(BlockProduction.NAME, BlockProduction::new);
    ALL.put(Slashing.NAME, Slashing::new);
    ALL.put(LateBlockRewards.NAME, LateBlockRewards::new);
  }

  private Scenarios() {}

  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** The scenario {@code name}, or {@code performance} (not part of {@code all}). */
  public static Scenario byName(String name) {
    if (name.equals(Performance.NAME)) {
      return new Performance();
    }
    Supplier<Scenario> s = ALL.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown scenario '" + name + "'; known: all, " + String.join(", ", ALL.keySet())
          + ", " + Performance.NAME);
    }
    return s.get();
  }
}
