package io.edvt.spec.edvt.logic;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * The composition root of the EDVT milestone. It builds, in order, EDVT's helpers ({@link
 * EdvtHelpers}: the EDVT schemas, {@code compute_fork_version}, the group registry, the accessors
 * with expanded committees and threshold signatures), then the epoch processor (key set pruning,
 * member participation, scaled ejection, the sync committee), the block processor (attestations,
 * slashings, exits, RANDAO, group operations, withdrawal floors, sync seat rewards; Fulu's other
 * parts), the state transition ({@code verify_block_signature}), the fork upgrade and the data
 * column sidecars (headers with {@code signer_bits}), and hands them to {@link SpecFulu}.
 * Predicates and mutators are Fulu's. The getters return EDVT's types from this class's own
 * fields: nothing is cast or built twice.
 */
public final class SpecEdvt extends SpecFulu {
  private final EdvtHelpers edvtHelpers;
  private final EpochProcessorEdvt epochProcessor;
  private final BlockProcessorEdvt blockProcessor;
  private final StateTransitionEdvt stateTransition;
  private final ForkUpgradeEdvt forkUpgrade;
  private final DataColumnSidecarsEdvt dataColumnSidecars;

  /** EDVT's parts, each made from the ones before it. */
  private record EdvtParts(
      EdvtHelpers helpers,
      EpochProcessorEdvt epochProcessor,
      BlockProcessorEdvt blockProcessor,
      StateTransitionEdvt stateTransition,
      ForkUpgradeEdvt forkUpgrade,
      DataColumnSidecarsEdvt dataColumnSidecars) {

    static EdvtParts build(SpecConfig config) {
      EdvtHelpers helpers = EdvtHelpers.create(config);
      GroupOperationsEdvt groupOperations = new GroupOperationsEdvt(helpers);
      EpochProcessorEdvt epochProcessor = new EpochProcessorEdvt(helpers, groupOperations);
      BlockProcessorEdvt blockProcessor = new BlockProcessorEdvt(helpers, groupOperations);
      return new EdvtParts(helpers, epochProcessor, blockProcessor,
          new StateTransitionEdvt(helpers, epochProcessor, blockProcessor), new ForkUpgradeEdvt(helpers),
          new DataColumnSidecarsEdvt(helpers));
    }

    SpecFulu.Parts asFulu() {
      return new SpecFulu.Parts(helpers.fulu(), epochProcessor, blockProcessor, stateTransition, forkUpgrade,
          dataColumnSidecars);
    }
  }

  /**
   * EDVT's logic for {@code config}.
   *
   * @throws IllegalArgumentException if {@code config} was loaded without EDVT's keys
   */
  public SpecEdvt(SpecConfig config) {
    this(EdvtParts.build(config));
  }

  private SpecEdvt(EdvtParts parts) {
    super(parts.asFulu());
    this.edvtHelpers = parts.helpers();
    this.epochProcessor = parts.epochProcessor();
    this.blockProcessor = parts.blockProcessor();
    this.stateTransition = parts.stateTransition();
    this.forkUpgrade = parts.forkUpgrade();
    this.dataColumnSidecars = parts.dataColumnSidecars();
  }

  /** EDVT's helpers (typed); {@link #helpers()} gives the same objects as Fulu's parts see them. */
  public EdvtHelpers edvtHelpers() {
    return edvtHelpers;
  }

  /** EDVT's config values. */
  public SpecConfigEdvt edvtConfig() {
    return edvtHelpers.edvtConfig();
  }

  @Override
  public SchemaDefinitionsEdvt schemas() {
    return edvtHelpers.schemas();
  }

  @Override
  public MiscHelpersEdvt misc() {
    return edvtHelpers.misc();
  }

  @Override
  public BeaconStateAccessorsEdvt accessors() {
    return edvtHelpers.accessors();
  }

  /** The group registry accessors. */
  public GroupRegistryEdvt registry() {
    return edvtHelpers.registry();
  }

  @Override
  public EpochProcessorEdvt epochProcessor() {
    return epochProcessor;
  }

  @Override
  public BlockProcessorEdvt blockProcessor() {
    return blockProcessor;
  }

  @Override
  public StateTransitionEdvt stateTransition() {
    return stateTransition;
  }

  @Override
  public ForkUpgradeEdvt forkUpgrade() {
    return forkUpgrade;
  }

  @Override
  public DataColumnSidecarsEdvt dataColumnSidecars() {
    return dataColumnSidecars;
  }
}
