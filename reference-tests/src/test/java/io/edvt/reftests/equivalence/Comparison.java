package io.edvt.reftests.equivalence;

import io.edvt.reftests.TestCase;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.List;

/**
 * The result of one case: null {@code difference} when EDVT did what Fulu did (accepted with the
 * same shared fields, or rejected by the same rule).
 *
 * @param summariesByCount historical summaries compared by count only (see {@link SharedFields})
 */
record Comparison(String difference, int summariesByCount) {

  static Comparison same() {
    return new Comparison(null, 0);
  }

  static Comparison differs(String difference) {
    return new Comparison(difference, 0);
  }

  /**
   * Compares the two outcomes of case {@code c}. Fulu's must be the vector's own (post present and
   * equal, or absent); then EDVT's post must equal the case's post on the shared fields (through
   * {@code roots}), or EDVT must reject by the rule Fulu rejects by.
   */
  static Comparison of(TestCase c, Outcome fulu, Outcome edvt, BeaconState upgraded, RootMap roots, Rules rules) {
    return of(c, "post", fulu, edvt, upgraded, roots, rules);
  }

  static Comparison of(TestCase c, String postName, Outcome fulu, Outcome edvt, BeaconState upgraded, RootMap roots,
      Rules rules) {
    boolean valid = c.has(postName + ".ssz_snappy");
    if (fulu.accepted() != valid) {
      return differs("this client's Fulu " + fulu + " where the vector " + (valid ? "has a " : "has no ") + postName);
    }
    if (!valid) {
      if (edvt.accepted()) {
        return differs("EDVT accepted what Fulu rejects (" + fulu.rejection() + ")");
      }
      return new Comparison(rules.compare(fulu.rejection(), edvt.rejection()), 0);
    }
    BeaconState expected = (BeaconState) fulu.post().type().deserialize(c.ssz(postName));
    if (!expected.hashTreeRoot().equals(fulu.post().hashTreeRoot())) {
      return differs("this client's Fulu " + postName + " differs from the vector's");
    }
    if (!edvt.accepted()) {
      return differs("EDVT rejected what Fulu accepts: " + edvt.rejection());
    }
    SharedFields fields = SharedFields.compare(expected, edvt.post(), upgraded, roots);
    List<String> d = fields.differences();
    return new Comparison(d.isEmpty() ? null : String.join("; ", d), fields.summariesComparedByCountOnly());
  }
}
