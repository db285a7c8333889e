package io.edvt.reftests;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsElectra;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The configs, milestones' logic and schemas the executors need, built once per preset. */
public final class ReferenceSpecs {
  private static final Map<String, SpecVersions> VERSIONS = new ConcurrentHashMap<>();
  private static final Map<String, SchemaDefinitionsElectra> ELECTRA = new ConcurrentHashMap<>();

  private ReferenceSpecs() {}

  /** The built-in config of a preset folder name ({@code minimal}, {@code mainnet}). */
  public static SpecConfig config(String preset) {
    return versions(preset).config();
  }

  /** Every milestone's logic for the built-in config of {@code preset}. */
  public static SpecVersions versions(String preset) {
    if (!SpecConfigLoader.BUILT_IN_PRESETS.contains(preset)) {
      throw new SkipCase("preset '" + preset + "' is not built in (have " + SpecConfigLoader.BUILT_IN_PRESETS + ")");
    }
    return VERSIONS.computeIfAbsent(preset, p -> new SpecVersions(EdvtConfig.load(p)));
  }

  /** The state-transition logic of {@code milestone}. */
  public static SpecFulu spec(String preset, SpecMilestone milestone) {
    return versions(preset).forMilestone(milestone);
  }

  /** The EDVT spec of a preset. */
  public static SpecEdvt edvt(String preset) {
    return versions(preset).edvt();
  }

  /** The SSZ types of a milestone by spec name, as used by the ssz_static handler folders. */
  public static Map<String, SszType<?>> sszTypes(String preset, SpecMilestone milestone) {
    return spec(preset, milestone).schemas().typesByName();
  }

  /** The Electra types of a preset: the pre-states of the Electra-to-Fulu fork cases. */
  public static SchemaDefinitionsElectra electraSchemas(String preset) {
    return ELECTRA.computeIfAbsent(preset, p -> new SchemaDefinitionsElectra(config(p)));
  }
}
