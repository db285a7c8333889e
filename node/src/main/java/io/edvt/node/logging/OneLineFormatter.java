package io.edvt.node.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line a record: {@code 2026-08-10 12:00:00.123 INFO  peers - disconnecting ...}, the logger
 * named by its last segment. An exception is appended to the line as its class and message; its
 * stack trace follows only when {@code stackTraces} (DEBUG and finer), so a WARN about a peer does
 * not fill the console.
 */
public final class OneLineFormatter extends Formatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  private final boolean stackTraces;

  public OneLineFormatter(boolean stackTraces) {
    this.stackTraces = stackTraces;
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128);
    line.append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ');
    String level = levelName(record.getLevel());
    line.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
    line.append(shortName(record.getLoggerName())).append(" - ");
    line.append(formatMessage(record).replace('\n', ' '));
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      line.append(" (").append(thrown).append(')');
    }
    line.append(System.lineSeparator());
    if (thrown != null && stackTraces) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  /** Teku's level names for the JUL levels System.Logger maps onto. */
  static String levelName(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (v >= Level.INFO.intValue()) {
      return "INFO";
    }
    if (v >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }

  private static String shortName(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "root";
    }
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }
}
