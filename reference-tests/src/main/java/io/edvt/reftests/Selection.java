package io.edvt.reftests;

import java.util.Arrays;
import java.util.List;

/**
 * Which part of the vectors a run covers: every case, or those whose
 * {@code preset/fork/runner/handler/suite/case} path starts with one of the prefixes of
 * {@code REFTESTS_ONLY} (or {@code -Dreftests.only}), comma-separated.
 */
public final class Selection {
  private final List<String> prefixes;

  private Selection(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  /** The selection of {@code REFTESTS_ONLY}, else of the system property {@code reftests.only}, else everything. */
  public static Selection fromEnvironment() {
    String v = System.getenv("REFTESTS_ONLY");
    return of(v == null || v.isBlank() ? System.getProperty("reftests.only", "") : v);
  }

  /** The selection of a comma-separated list of prefixes; blank selects everything. */
  public static Selection of(String commaSeparated) {
    return new Selection(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList());
  }

  public boolean isEverything() {
    return prefixes.isEmpty();
  }

  public boolean selects(TestCase c) {
    return isEverything() || prefixes.stream().anyMatch(p -> c.displayName().startsWith(p));
  }

  /**
   * Whether every case of a {@code preset/fork/runner/handler} group is selected, so its
   * completeness can be judged (a prefix that picks single cases out of it says nothing about it).
   */
  public boolean coversGroup(String group) {
    return isEverything() || prefixes.stream().anyMatch(p -> (group + "/").startsWith(p));
  }

  /** Whether something at folder {@code path} (relative to {@code tests}) lies in or above the selection. */
  public boolean touches(String path) {
    return isEverything() || prefixes.stream().anyMatch(p -> (path + "/").startsWith(p) || p.startsWith(path + "/"));
  }

  @Override
  public String toString() {
    return isEverything() ? "everything" : String.join(",", prefixes);
  }
}
