package io.edvt.node.logging;

import java.util.logging.Level;

/**
 * {@code --logging}: Teku's (log4j's) level names, mapped onto java.util.logging, which the
 * node's {@link System.Logger}s log through. FATAL has no level of its own there and shows only
 * SEVERE records, as ERROR does.
 */
public enum LogLevel {
  OFF(Level.OFF),
  FATAL(Level.SEVERE),
  ERROR(Level.SEVERE),
  WARN(Level.WARNING),
  INFO(Level.INFO),
  /** System.Logger's DEBUG is FINE. */
  DEBUG(Level.FINE),
  /** System.Logger's TRACE is FINER; FINEST is included so nothing finer is hidden. */
  TRACE(Level.FINEST),
  ALL(Level.ALL);

  private final Level julLevel;

  LogLevel(Level julLevel) {
    this.julLevel = julLevel;
  }

  /** The java.util.logging level records must reach to be logged. */
  public Level julLevel() {
    return julLevel;
  }
}
