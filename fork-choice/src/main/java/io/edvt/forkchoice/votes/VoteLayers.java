package io.edvt.forkchoice.votes;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/** The vote layer of each milestone. */
public final class VoteLayers {
  private VoteLayers() {}

  /**
   * The factory of {@code milestone}'s vote layer: Fulu's per-validator tracker, or EDVT's
   * threshold GHOST ({@link EdvtVoteLayer}, which needs {@code spec} to be EDVT's).
   */
  public static VoteLayer.Factory forMilestone(SpecMilestone milestone, SpecFulu spec) {
    return switch (milestone) {
      case FULU -> tree -> new FuluVoteTracker(spec);
      case EDVT -> {
        if (!(spec instanceof SpecEdvt edvt)) {
          throw new IllegalArgumentException("the EDVT vote layer needs EDVT's spec, got " + spec.getClass().getName());
        }
        yield tree -> new EdvtVoteLayer(edvt, tree);
      }
    };
  }
}
