package io.edvt.simulator.report;

import java.io.PrintStream;

/**
 * A progress bar with the time left, on stderr: {@code [#####.....] 52% late-block-rewards: epoch
 * 52/100, 1m10s left}. Redrawn at most twice a second; quiet when {@code out} is null.
 */
public final class Progress {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long done;

  public Progress(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
  }

  public void step() {
    advance(1);
  }

  public void advance(long steps) {
    done += steps;
    long now = System.nanoTime();
    if (out != null && (now - lastDraw > 500_000_000L || done >= total)) {
      lastDraw = now;
      double fraction = Math.min(1.0, (double) done / total);
      int filled = (int) Math.round(fraction * 30);
      double elapsed = (now - start) / 1e9;
      double left = fraction > 0 ? elapsed * (1 - fraction) / fraction : Double.NaN;
      out.printf("\r[%s%s] %3.0f%% %s: %d/%d, %s left   ", "#".repeat(filled), ".".repeat(30 - filled), 100 * fraction,
          label, done, total, duration(left));
      out.flush();
    }
  }

  public void finish() {
    if (out != null) {
      out.printf("\r%s: done in %s%s%n", label, duration((System.nanoTime() - start) / 1e9), " ".repeat(40));
    }
  }

  public static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
  }
}
