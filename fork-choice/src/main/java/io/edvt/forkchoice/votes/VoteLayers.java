package io.edvt.forkchoice.votes;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/** The vote layer of each milestone. */
public final class VoteLayers {
  private VoteLayers() {}

  public static VoteLayer forMilestone(SpecMilestone milestone, SpecFulu spec) {
    return switch (milestone) {
      case FULU -> new FuluVoteTracker(spec);
      // threshold GHOST (io.edvt.forkchoice.threshold) plugs in here once it implements VoteLayer
      case EDVT -> throw new UnsupportedOperationException("the EDVT threshold-group vote layer is not wired in yet");
    };
  }
}
