package io.edvt.spec.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Objects;

/**
 * The logic of every milestone for one config: which milestone is in force at an epoch or slot
 * ({@link SpecMilestone#atEpoch}), which one a state belongs to, that milestone's composition root,
 * and the upgrade into a milestone. Immutable and thread-safe; build one per config.
 */
public final class SpecVersions {
  private final SpecConfig config;
  private final SpecFulu fulu;
  private final SpecEdvt edvt;

  public SpecVersions(SpecConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.fulu = new SpecFulu(config);
    this.edvt = new SpecEdvt(config);
  }

  public SpecConfig config() {
    return config;
  }

  public SpecFulu fulu() {
    return fulu;
  }

  public SpecEdvt edvt() {
    return edvt;
  }

  /** The composition root of {@code milestone}. */
  public SpecFulu forMilestone(SpecMilestone milestone) {
    return switch (milestone) {
      case FULU -> fulu;
      case EDVT -> edvt;
    };
  }

  /** The milestone in force at {@code epoch} (see {@link SpecMilestone#atEpoch}). */
  public SpecMilestone milestoneAtEpoch(UInt64 epoch) {
    return SpecMilestone.atEpoch(config, epoch);
  }

  /** The milestone in force at {@code slot}. */
  public SpecMilestone milestoneAtSlot(UInt64 slot) {
    return milestoneAtEpoch(fulu.misc().computeEpochAtSlot(slot));
  }

  /** The logic in force at {@code epoch}. */
  public SpecFulu forEpoch(UInt64 epoch) {
    return forMilestone(milestoneAtEpoch(epoch));
  }

  /** The logic in force at {@code slot}. */
  public SpecFulu forSlot(UInt64 slot) {
    return forMilestone(milestoneAtSlot(slot));
  }

  /**
   * The milestone {@code state} belongs to, by its layout (an upgrade happens at a slot, so the
   * state's class, not its slot, is what decides).
   *
   * @throws IllegalArgumentException for a state of a milestone before Fulu
   */
  public static SpecMilestone milestoneOf(BeaconState state) {
    if (BeaconStateEdvt.toVersionEdvt(state).isPresent()) {
      return SpecMilestone.EDVT;
    }
    if (state instanceof BeaconStateFulu) {
      return SpecMilestone.FULU;
    }
    throw new IllegalArgumentException("no milestone of this client has a " + state.getClass().getSimpleName());
  }

  /** The logic of the milestone {@code state} belongs to. */
  public SpecFulu forState(BeaconState state) {
    return forMilestone(milestoneOf(state));
  }

  /**
   * {@code pre} upgraded into {@code target} ({@code upgrade_to_fulu} from an Electra state,
   * {@code upgrade_to_edvt} from a Fulu state).
   *
   * @throws IllegalArgumentException if {@code pre} is not of the milestone before {@code target}
   */
  public BeaconState upgradeTo(SpecMilestone target, BeaconState pre) {
    return switch (target) {
      case FULU -> fulu.forkUpgrade().upgradeToFulu(BeaconStateElectra.required(pre));
      case EDVT -> {
        if (milestoneOf(pre) != SpecMilestone.FULU) {
          throw new IllegalArgumentException("upgrade_to_edvt needs a Fulu state, got " + milestoneOf(pre));
        }
        yield edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
      }
    };
  }

  @Override
  public String toString() {
    return "SpecVersions[" + config + "]";
  }
}
