package io.edvt.node.logging;

/** {@code --log-destination}: Teku's values. */
public enum LogDestination {
  /** Standard output only. */
  CONSOLE(true, false),
  /** The log file only. */
  FILE(false, true),
  /** Both, each at the {@code --logging} level. */
  BOTH(true, true),
  /**
   * The default: the log file at the {@code --logging} level, the console at INFO and above only
   * (a DEBUG run keeps the console readable and the detail in the file).
   */
  DEFAULT_BOTH(true, true),
  /**
   * Leave logging as the JVM's own configuration sets it up ({@code -Djava.util.logging.config.file}):
   * what ethereum-package passes when the user brings a logging config of their own.
   */
  CUSTOM(false, false);

  private final boolean console;
  private final boolean file;

  LogDestination(boolean console, boolean file) {
    this.console = console;
    this.file = file;
  }

  public boolean writesConsole() {
    return console;
  }

  public boolean writesFile() {
    return file;
  }
}
