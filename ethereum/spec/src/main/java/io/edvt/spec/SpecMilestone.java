package io.edvt.spec;

/**
 * The forks this client runs, oldest first. Switches over it are exhaustive, so adding a fork
 * makes the compiler name every place that must handle it.
 */
public enum SpecMilestone {
  FULU;

  public boolean isAtLeast(SpecMilestone other) {
    return compareTo(other) >= 0;
  }
}
