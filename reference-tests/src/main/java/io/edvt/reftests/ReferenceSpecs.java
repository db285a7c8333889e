package io.edvt.reftests;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsElectra;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The configs and schemas the executors need, built once per preset and fork. */
public final class ReferenceSpecs {
  private static final Map<String, SpecConfig> CONFIGS = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, SszType<?>>> TYPES = new ConcurrentHashMap<>();
  private static final Map<String, SpecFulu> SPECS = new ConcurrentHashMap<>();
  private static final Map<String, SchemaDefinitionsElectra> ELECTRA = new ConcurrentHashMap<>();
  private static final Map<String, SpecVersions> VERSIONS = new ConcurrentHashMap<>();

  private ReferenceSpecs() {}

  /** The built-in config of a preset folder name ({@code minimal}, {@code mainnet}). */
  public static SpecConfig config(String preset) {
    if (!SpecConfigLoader.BUILT_IN_PRESETS.contains(preset)) {
      throw new SkipCase("preset '" + preset + "' is not built in (have " + SpecConfigLoader.BUILT_IN_PRESETS + ")");
    }
    return CONFIGS.computeIfAbsent(preset, EdvtConfig::load);
  }

  /** The SSZ types of a fork by spec name, as used by the ssz_static handler folders. */
  public static Map<String, SszType<?>> sszTypes(String preset, String fork) {
    requireSupported(fork);
    return TYPES.computeIfAbsent(preset + "/" + fork, k -> fork.equals("edvt")
        ? new SchemaDefinitionsEdvt(config(preset)).typesByName()
        : new SchemaDefinitionsFulu(config(preset)).typesByName());
  }

  /** The state-transition logic of a fork: {@link SpecFulu}, or {@link SpecEdvt} for {@code edvt}. */
  public static SpecFulu spec(String preset, String fork) {
    requireSupported(fork);
    return SPECS.computeIfAbsent(preset + "/" + fork,
        k -> fork.equals("edvt") ? versions(preset).edvt() : versions(preset).fulu());
  }

  /** Every milestone's logic for a preset: the same objects {@link #spec} returns. */
  public static SpecVersions versions(String preset) {
    return VERSIONS.computeIfAbsent(preset, p -> new SpecVersions(config(p)));
  }

  /** The EDVT spec of a preset. */
  public static SpecEdvt edvt(String preset) {
    return versions(preset).edvt();
  }

  /** The Electra types of a preset: the pre-states of the Electra-to-Fulu fork cases. */
  public static SchemaDefinitionsElectra electraSchemas(String preset) {
    return ELECTRA.computeIfAbsent(preset, p -> new SchemaDefinitionsElectra(config(p)));
  }

  private static void requireSupported(String fork) {
    if (!fork.equals("fulu") && !fork.equals("edvt")) {
      throw new SkipCase("fork '" + fork + "' is not supported by this client (its milestones are fulu and edvt)");
    }
  }
}
