package io.edvt.forkchoice.votes;

import io.edvt.spec.SpecMilestone;
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

  /** Fulu's per-validator tracker on {@code fulu}. */
  public static VoteLayer.Factory fulu(SpecFulu fulu) {
    return tree -> new FuluVoteTracker(fulu);
  }

  /** EDVT's threshold GHOST on {@code edvt}. */
  public static VoteLayer.Factory edvt(SpecEdvt edvt) {
    return tree -> new EdvtVoteLayer(edvt, tree);
  }
}
