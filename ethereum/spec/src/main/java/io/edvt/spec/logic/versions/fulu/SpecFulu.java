package io.edvt.spec.logic.versions.fulu;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;

/**
 * The composition root of the Fulu milestone: the helpers ({@link FuluHelpers}: schemas,
 * predicates, misc helpers, accessors, mutators), then the epoch and block processors, the state
 * transition, the fork upgrade and the construction of data column sidecars (validator guide),
 * each built complete from the parts made before it
 * ({@link Parts#fulu}). A later milestone builds its own {@link Parts} in the same order, with
 * its subclasses where it changes something, and passes them to the protected constructor; it
 * keeps its own typed references to narrow the getters, so nothing here is cast or built twice.
 */
public class SpecFulu {
  private final FuluHelpers helpers;
  private final EpochProcessorFulu epochProcessor;
  private final BlockProcessorFulu blockProcessor;
  private final StateTransitionFulu stateTransition;
  private final ForkUpgradeFulu forkUpgrade;
  private final DataColumnSidecarsFulu dataColumnSidecars;

  /** Every part of a milestone's logic, in the order they are made. */
  public record Parts(
      FuluHelpers helpers,
      EpochProcessorFulu epochProcessor,
      BlockProcessorFulu blockProcessor,
      StateTransitionFulu stateTransition,
      ForkUpgradeFulu forkUpgrade,
      DataColumnSidecarsFulu dataColumnSidecars) {

    /** Fulu's parts for {@code config}. */
    public static Parts fulu(SpecConfig config) {
      FuluHelpers helpers = FuluHelpers.create(config);
      EpochProcessorFulu epochProcessor = new EpochProcessorFulu(helpers);
      BlockProcessorFulu blockProcessor = new BlockProcessorFulu(helpers);
      return new Parts(helpers, epochProcessor, blockProcessor,
          new StateTransitionFulu(helpers, epochProcessor, blockProcessor), new ForkUpgradeFulu(helpers),
          new DataColumnSidecarsFulu(helpers));
    }
  }

  /** Fulu's logic for {@code config}. */
  public SpecFulu(SpecConfig config) {
    this(Parts.fulu(config));
  }

  /** A milestone's logic from its parts (a later milestone's constructor passes its own). */
  protected SpecFulu(Parts parts) {
    this.helpers = parts.helpers();
    this.epochProcessor = parts.epochProcessor();
    this.blockProcessor = parts.blockProcessor();
    this.stateTransition = parts.stateTransition();
    this.forkUpgrade = parts.forkUpgrade();
    this.dataColumnSidecars = parts.dataColumnSidecars();
  }

  /** The helpers the parts were built from. */
  public FuluHelpers helpers() {
    return helpers;
  }

  public SpecConfig config() {
    return helpers.config();
  }

  public SchemaDefinitionsFulu schemas() {
    return helpers.schemas();
  }

  public MiscHelpersFulu misc() {
    return helpers.misc();
  }

  public PredicatesFulu predicates() {
    return helpers.predicates();
  }

  public BeaconStateAccessorsFulu accessors() {
    return helpers.accessors();
  }

  public BeaconStateMutatorsFulu mutators() {
    return helpers.mutators();
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

  /** A block's data column sidecars ({@code get_data_column_sidecars_from_block} and its parts). */
  public DataColumnSidecarsFulu dataColumnSidecars() {
    return dataColumnSidecars;
  }
}
