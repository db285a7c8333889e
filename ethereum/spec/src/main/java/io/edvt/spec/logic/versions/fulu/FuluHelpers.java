package io.edvt.spec.logic.versions.fulu;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;

/**
 * The helpers every part of the Fulu state transition is built from, made in dependency order
 * (schemas, predicates, misc helpers, accessors, mutators). The processors take this record in
 * their constructors, so each part is complete when it is made and holds only {@code final}
 * fields. A later milestone makes its own helpers (subclasses of these) and hands them over in
 * the same record, so Fulu's code runs on them unchanged.
 */
public record FuluHelpers(
    SpecConfig config,
    SchemaDefinitionsFulu schemas,
    PredicatesFulu predicates,
    MiscHelpersFulu misc,
    BeaconStateAccessorsFulu accessors,
    BeaconStateMutatorsFulu mutators) {

  /** Fulu's own helpers for {@code config}. */
  public static FuluHelpers create(SpecConfig config) {
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(config);
    PredicatesFulu predicates = new PredicatesFulu(config);
    MiscHelpersFulu misc = new MiscHelpersFulu(config);
    BeaconStateAccessorsFulu accessors = new BeaconStateAccessorsFulu(config, misc, predicates, schemas);
    return new FuluHelpers(config, schemas, predicates, misc, accessors, new BeaconStateMutatorsFulu(config, misc, accessors));
  }
}
