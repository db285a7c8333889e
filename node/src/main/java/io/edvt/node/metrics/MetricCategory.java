package io.edvt.node.metrics;

import java.util.Locale;

/**
 * {@code --metrics-categories}: Teku's category names, so a command line written for Teku selects
 * the same families. A metric belongs to one category; the endpoint exports only the enabled ones.
 */
public enum MetricCategory {
  BEACON,
  DISCOVERY,
  EVENTBUS,
  EXECUTOR,
  LIBP2P,
  NETWORK,
  STORAGE,
  STORAGE_HOT_DB,
  STORAGE_FINALIZED_DB,
  VALIDATOR,
  VALIDATOR_PERFORMANCE,
  VALIDATOR_DUTY,
  /** The JVM's memory, threads, garbage collection and class loading. */
  JVM,
  /** The process: CPU time, open files, start time. */
  PROCESS;

  /** The lower-case name, as in Teku's own metric names. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
