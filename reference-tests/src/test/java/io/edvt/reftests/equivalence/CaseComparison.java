package io.edvt.reftests.equivalence;

import io.edvt.reftests.TestCase;

/** Runs one Fulu case through Fulu and through EDVT (on the upgraded state) and compares them. */
interface CaseComparison {
  /** Why the case cannot be compared, or null. */
  String skipReason(TestCase c);

  Comparison compare(TestCase c);
}
