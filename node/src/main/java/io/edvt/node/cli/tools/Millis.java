package io.edvt.node.cli.tools;

import java.util.Locale;

/** Elapsed times as the tools print them. */
final class Millis {
  private Millis() {}

  /** The time since {@code startNanos} ({@link System#nanoTime}), e.g. {@code 12.3 ms}. */
  static String since(long startNanos) {
    double ms = (System.nanoTime() - startNanos) / 1e6;
    return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : "%.1f ms", ms);
  }
}
