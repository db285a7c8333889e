package io.edvt.spec.edvt.logic;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.ForkUpgradeFulu;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;

/**
 * The composition root of the EDVT milestone. It is {@link SpecFulu} with the factories of the
 * parts EDVT changes overridden: the schemas ({@link SchemaDefinitionsEdvt}), the misc helpers
 * ({@code compute_fork_version}), the accessors ({@link BeaconStateAccessorsEdvt}), the block
 * processor ({@link BlockProcessorEdvt}: attestations, slashings, exits, RANDAO, group
 * operations, withdrawal floors, sync seat rewards), the epoch processor ({@link
 * EpochProcessorEdvt}: key set pruning, member participation, scaled ejection, the sync
 * committee), the state transition ({@link StateTransitionEdvt}: {@code verify_block_signature})
 * and the fork upgrade ({@link ForkUpgradeEdvt}). Predicates and mutators are still Fulu's,
 * built by {@link SpecFulu} in its order and working on EDVT states as on Fulu ones.
 *
 * <p>Factories run inside {@link SpecFulu}'s constructor, so they read only {@link #config()} and
 * the parts built before them, never fields of this class.
 */
public class SpecEdvt extends SpecFulu {

  public SpecEdvt(SpecConfig config) {
    super(config);
  }

  @Override
  protected SchemaDefinitionsEdvt createSchemas(SpecConfig config) {
    return new SchemaDefinitionsEdvt(config);
  }

  @Override
  protected MiscHelpersEdvt createMiscHelpers() {
    return new MiscHelpersEdvt(config());
  }

  @Override
  protected BeaconStateAccessorsEdvt createAccessors() {
    return new BeaconStateAccessorsEdvt(config(), misc(), predicates(), schemas());
  }

  @Override
  protected EpochProcessorEdvt createEpochProcessor() {
    return new EpochProcessorEdvt(this);
  }

  @Override
  protected BlockProcessorEdvt createBlockProcessor() {
    return new BlockProcessorEdvt(this);
  }

  @Override
  protected StateTransitionEdvt createStateTransition() {
    return new StateTransitionEdvt(this);
  }

  @Override
  protected ForkUpgradeEdvt createForkUpgrade() {
    return new ForkUpgradeEdvt(this);
  }

  /** The EDVT schemas (what {@link #createSchemas} made). */
  @Override
  public SchemaDefinitionsEdvt schemas() {
    SchemaDefinitionsFulu schemas = super.schemas();
    if (schemas instanceof SchemaDefinitionsEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createSchemas made " + schemas + ", not EDVT schemas");
  }

  /** The EDVT misc helpers (what {@link #createMiscHelpers} made). */
  @Override
  public MiscHelpersEdvt misc() {
    MiscHelpersFulu misc = super.misc();
    if (misc instanceof MiscHelpersEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createMiscHelpers made " + misc.getClass().getName());
  }

  /** The EDVT epoch processor (what {@link #createEpochProcessor} made). */
  @Override
  public EpochProcessorEdvt epochProcessor() {
    var processor = super.epochProcessor();
    if (processor instanceof EpochProcessorEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createEpochProcessor made " + processor.getClass().getName());
  }

  /** The EDVT accessors (what {@link #createAccessors} made). */
  @Override
  public BeaconStateAccessorsEdvt accessors() {
    var accessors = super.accessors();
    if (accessors instanceof BeaconStateAccessorsEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createAccessors made " + accessors.getClass().getName());
  }

  /** The EDVT block processor (what {@link #createBlockProcessor} made). */
  @Override
  public BlockProcessorEdvt blockProcessor() {
    var processor = super.blockProcessor();
    if (processor instanceof BlockProcessorEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createBlockProcessor made " + processor.getClass().getName());
  }

  /** The EDVT state transition (what {@link #createStateTransition} made). */
  @Override
  public StateTransitionEdvt stateTransition() {
    var transition = super.stateTransition();
    if (transition instanceof StateTransitionEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createStateTransition made " + transition.getClass().getName());
  }

  /** The fork upgrades up to EDVT's (what {@link #createForkUpgrade} made). */
  @Override
  public ForkUpgradeEdvt forkUpgrade() {
    ForkUpgradeFulu upgrade = super.forkUpgrade();
    if (upgrade instanceof ForkUpgradeEdvt edvt) {
      return edvt;
    }
    throw new IllegalStateException("createForkUpgrade made " + upgrade.getClass().getName());
  }
}
