package io.edvt.spec.logic.versions.fulu;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;

/**
 * The composition root of the Fulu milestone: builds its helpers in dependency order
 * (predicates, misc helpers, accessors, mutators, epoch and block processors, the state
 * transition, the fork upgrade). A later milestone subclasses it and overrides the factory
 * methods of the parts it changes; everything else is reused as is.
 */
public class SpecFulu {
  private final SpecConfig config;
  private final SchemaDefinitionsFulu schemas;
  private final MiscHelpersFulu misc;
  private final PredicatesFulu predicates;
  private final BeaconStateAccessorsFulu accessors;
  private final BeaconStateMutatorsFulu mutators;
  private final EpochProcessorFulu epochProcessor;
  private final BlockProcessorFulu blockProcessor;
  private final StateTransitionFulu stateTransition;
  private final ForkUpgradeFulu forkUpgrade;

  public SpecFulu(SpecConfig config) {
    this.config = config;
    this.schemas = createSchemas(config);
    this.predicates = createPredicates();
    this.misc = createMiscHelpers();
    this.accessors = createAccessors();
    this.mutators = createMutators();
    this.epochProcessor = createEpochProcessor();
    this.blockProcessor = createBlockProcessor();
    this.stateTransition = createStateTransition();
    this.forkUpgrade = createForkUpgrade();
  }

  protected SchemaDefinitionsFulu createSchemas(SpecConfig config) {
    return new SchemaDefinitionsFulu(config);
  }

  protected PredicatesFulu createPredicates() {
    return new PredicatesFulu(config);
  }

  protected MiscHelpersFulu createMiscHelpers() {
    return new MiscHelpersFulu(config);
  }

  protected BeaconStateAccessorsFulu createAccessors() {
    return new BeaconStateAccessorsFulu(config, misc, predicates, schemas);
  }

  protected BeaconStateMutatorsFulu createMutators() {
    return new BeaconStateMutatorsFulu(config, misc, accessors);
  }

  protected EpochProcessorFulu createEpochProcessor() {
    return new EpochProcessorFulu(this);
  }

  protected BlockProcessorFulu createBlockProcessor() {
    return new BlockProcessorFulu(this);
  }

  protected StateTransitionFulu createStateTransition() {
    return new StateTransitionFulu(this);
  }

  protected ForkUpgradeFulu createForkUpgrade() {
    return new ForkUpgradeFulu(this);
  }

  public SpecConfig config() {
    return config;
  }

  public SchemaDefinitionsFulu schemas() {
    return schemas;
  }

  public MiscHelpersFulu misc() {
    return misc;
  }

  public PredicatesFulu predicates() {
    return predicates;
  }

  public BeaconStateAccessorsFulu accessors() {
    return accessors;
  }

  public BeaconStateMutatorsFulu mutators() {
    return mutators;
  }

  public EpochProcessorFulu epochProcessor() {
    return epochProcessor;
  }

  public BlockProcessorFulu blockProcessor() {
    return blockProcessor;
  }

  public StateTransitionFulu stateTransition() {
    return stateTransition;
  }

  public ForkUpgradeFulu forkUpgrade() {
    return forkUpgrade;
  }
}
