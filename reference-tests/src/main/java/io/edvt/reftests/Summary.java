package io.edvt.reftests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pass, fail and skip counts per {@code preset/fork/runner/handler}, with the reasons for skips
 * and the first failures, written as a table after a run.
 */
public final class Summary {
  private static final int MAX_REASON_LINES = 20;

  /** Counts and notes of one group. */
  private static final class Counts {
    int passed;
    int failed;
    int skipped;
    final Map<String, Integer> skipReasons = new TreeMap<>();
    final Map<String, String> failures = new TreeMap<>();
  }

  private final Map<String, Counts> groups = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();

  /** A line printed after the totals (for example that the official vectors were not run). */
  public synchronized void note(String line) {
    notes.add(line);
  }

  public synchronized void passed(TestCase c) {
    counts(c).passed++;
  }

  public synchronized void failed(TestCase c, Throwable error) {
    failed(c.group(), c.suite() + "/" + c.name(), error);
  }

  /**
   * A failure of a whole group ({@code preset/fork/runner/handler}) rather than of one case: a
   * handler missing from the vectors, fewer cases than known, a folder at the wrong depth.
   */
  public synchronized void failed(String group, String what, Throwable error) {
    Counts k = groups.computeIfAbsent(group, g -> new Counts());
    k.failed++;
    if (k.failures.size() < 5) {
      k.failures.put(what, reason(error));
    }
  }

  /**
   * The message (its first {@value #MAX_REASON_LINES} lines: a field-level state diff is one line,
   * an assertion with expected and actual values a few), or the throwable's type when it has none
   * (a bare StackOverflowError). The stack trace is left to JUnit's report.
   */
  private static String reason(Throwable error) {
    String message = error.getMessage();
    String text = message == null || message.isBlank() ? error.getClass().getName() : message.strip();
    List<String> lines = text.lines().toList();
    if (lines.size() <= MAX_REASON_LINES) {
      return text;
    }
    return String.join(System.lineSeparator(), lines.subList(0, MAX_REASON_LINES))
        + System.lineSeparator() + "... (" + (lines.size() - MAX_REASON_LINES) + " more lines in the JUnit report)";
  }

  public synchronized void skipped(TestCase c, String reason) {
    Counts k = counts(c);
    k.skipped++;
    k.skipReasons.merge(reason, 1, Integer::sum);
  }

  private Counts counts(TestCase c) {
    return groups.computeIfAbsent(c.group(), g -> new Counts());
  }

  public synchronized int totalFailed() {
    return groups.values().stream().mapToInt(k -> k.failed).sum();
  }

  /** The table: one line per group, then the totals, the skip reasons and the first failures. */
  public synchronized String render() {
    StringBuilder sb = new StringBuilder();
    int width = groups.keySet().stream().mapToInt(String::length).max().orElse(10);
    int p = 0;
    int f = 0;
    int s = 0;
    for (var e : groups.entrySet()) {
      Counts k = e.getValue();
      sb.append(String.format("%-" + width + "s passed=%d failed=%d skipped=%d%n", e.getKey(), k.passed, k.failed, k.skipped));
      p += k.passed;
      f += k.failed;
      s += k.skipped;
    }
    boolean header = false;
    for (var e : groups.entrySet()) {
      for (var r : e.getValue().skipReasons.entrySet()) {
        if (!header) {
          sb.append(System.lineSeparator()).append("Skipped, with reasons:").append(System.lineSeparator());
          header = true;
        }
        sb.append(String.format("  %s: %d skipped: %s%n", e.getKey(), r.getValue(), r.getKey()));
      }
    }
    header = false;
    for (var e : groups.entrySet()) {
      for (var r : e.getValue().failures.entrySet()) {
        if (!header) {
          sb.append(System.lineSeparator()).append("First failures:").append(System.lineSeparator());
          header = true;
        }
        String reason = r.getValue().replace(System.lineSeparator(), System.lineSeparator() + "      ");
        sb.append(String.format("  %s/%s: %s%n", e.getKey(), r.getKey(), reason));
      }
    }
    sb.append(System.lineSeparator());
    sb.append(String.format("reference-tests: %d passed, %d failed, %d skipped%n", p, f, s));
    for (String note : notes) {
      sb.append(note).append(System.lineSeparator());
    }
    return sb.toString();
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, render());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
