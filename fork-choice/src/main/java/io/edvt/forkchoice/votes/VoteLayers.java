package io.edvt.forkchoice.votes;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/** The vote layer of each milestone. */
public final class VoteLayers {
  private VoteLayers() {}

  /**
   * The factory of {@code milestone}'s vote layer: Fulu's per-validator tracker, or EDVT's
   * threshold GHOST ({@link EdvtVoteLayer}), each on that milestone's logic in {@code versions}.
   */
  public static VoteLayer.Factory forMilestone(SpecMilestone milestone, SpecVersions versions) {
    return switch (milestone) {
      case FULU -> fulu(versions.fulu());
      case EDVT -> edvt(versions.edvt());
    };
  }

  /**
   * The vote layer of a store anchored at {@code anchorState} on a network whose schedule is
   * {@code versions}: EDVT's when the anchor is an EDVT state or EDVT is scheduled (it weighs a
   * Fulu state's validators by their own keys, as Fulu does, so one layer carries the votes
   * across the fork), Fulu's otherwise.
   */
  public static VoteLayer.Factory forChain(SpecVersions versions, BeaconState anchorState) {
    boolean edvt = SpecVersions.milestoneOf(anchorState) == SpecMilestone.EDVT
        || !SpecMilestone.EDVT.forkEpoch(versions.config()).equals(UInt64.MAX_VALUE);
    return edvt ? edvt(versions.edvt()) : fulu(versions.fulu());
  }

  /** Fulu's per-validator tracker on {@code fulu}. */
  public static VoteLayer.Factory fulu(SpecFulu fulu) {
    return tree -> new FuluVoteTracker(fulu);
  }

  /** EDVT's threshold GHOST on {@code edvt}. */
  public static VoteLayer.Factory edvt(SpecEdvt edvt) {
    return tree -> new EdvtVoteLayer(edvt, tree);
  }
}
