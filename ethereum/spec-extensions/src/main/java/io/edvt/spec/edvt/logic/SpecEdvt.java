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
 * ({@code compute_fork_version}) and the fork upgrade ({@link ForkUpgradeEdvt}). Every other part
 * (predicates, accessors, mutators, the state transition) is still Fulu's, built by {@link
 * SpecFulu} in its order and working on EDVT states as on Fulu ones; the processing of
 * beacon-chain.md replaces them one factory at a time. The epoch processor ({@link
 * EpochProcessorEdvt}) and the block processor ({@link BlockProcessorEdvt}) carry the group
 * operations, key set pruning, member participation, scaled balances and the sync committee.
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
  protected EpochProcessorEdvt createEpochProcessor() {
    return new EpochProcessorEdvt(this);
  }

  @Override
  protected BlockProcessorEdvt createBlockProcessor() {
    return new BlockProcessorEdvt(this);
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
    return (EpochProcessorEdvt) super.epochProcessor();
  }

  /** The EDVT block processor (what {@link #createBlockProcessor} made). */
  @Override
  public BlockProcessorEdvt blockProcessor() {
    return (BlockProcessorEdvt) super.blockProcessor();
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
