package io.edvt.reftests.equivalence;

import io.edvt.reftests.SpecRejection;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.function.Supplier;

/** What one fork did with an input: the post state, or the spec rejection. */
record Outcome(BeaconState post, SpecRejection rejection) {

  /** Runs {@code transition}; a spec rejection is an outcome, any other exception propagates (a bug). */
  static Outcome of(Supplier<BeaconState> transition) {
    try {
      return new Outcome(transition.get(), null);
    } catch (RuntimeException e) {
      return new Outcome(null, SpecRejection.require(e));
    }
  }

  boolean accepted() {
    return post != null;
  }

  @Override
  public String toString() {
    return accepted() ? "accepted" : "rejected (" + rejection + ")";
  }
}
