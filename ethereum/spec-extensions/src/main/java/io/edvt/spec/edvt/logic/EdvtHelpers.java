package io.edvt.spec.edvt.logic;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.BeaconStateMutatorsFulu;
import io.edvt.spec.logic.versions.fulu.FuluHelpers;
import io.edvt.spec.logic.versions.fulu.PredicatesFulu;

/**
 * The helpers every part of EDVT's state transition is built from, made once and in dependency
 * order by {@link #create}: the EDVT schemas, Fulu's predicates, EDVT's misc helpers, the group
 * registry, EDVT's accessors and Fulu's mutators. EDVT's parts read the typed fields; Fulu's parts
 * get the same objects through {@link #fulu()}.
 */
public record EdvtHelpers(
    SpecConfig config,
    SpecConfigEdvt edvtConfig,
    SchemaDefinitionsEdvt schemas,
    PredicatesFulu predicates,
    MiscHelpersEdvt misc,
    GroupRegistryEdvt registry,
    BeaconStateAccessorsEdvt accessors,
    BeaconStateMutatorsFulu mutators) {

  /**
   * EDVT's helpers for {@code config}.
   *
   * @throws IllegalArgumentException if {@code config} was loaded without EDVT's keys
   */
  public static EdvtHelpers create(SpecConfig config) {
    SpecConfigEdvt edvtConfig = SpecConfigEdvt.of(config);
    SchemaDefinitionsEdvt schemas = new SchemaDefinitionsEdvt(config);
    PredicatesFulu predicates = new PredicatesFulu(config);
    MiscHelpersEdvt misc = new MiscHelpersEdvt(config, edvtConfig);
    GroupRegistryEdvt registry = new GroupRegistryEdvt(config, schemas);
    BeaconStateAccessorsEdvt accessors = new BeaconStateAccessorsEdvt(config, misc, predicates, schemas, registry);
    BeaconStateMutatorsFulu mutators = new BeaconStateMutatorsFulu(config, misc, accessors);
    return new EdvtHelpers(config, edvtConfig, schemas, predicates, misc, registry, accessors, mutators);
  }

  /** The same helpers as Fulu's parts take them. */
  public FuluHelpers fulu() {
    return new FuluHelpers(config, schemas, predicates, misc, accessors, mutators);
  }
}
