package io.edvt.simulator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A result table: written as CSV (one file per table) and shown as Markdown in the report. */
public final class Table {
  private final String name;
  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String name, String... columns) {
    this.name = name;
    this.columns = List.of(columns);
  }

  public String name() {
    return name;
  }

  public List<String> columns() {
    return columns;
  }

  public List<List<String>> rows() {
    return rows;
  }

  /** Adds a row; numbers are formatted with {@link #fmt}. */
  public Table row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("table " + name + " has " + columns.size() + " columns, row has " + values.length);
    }
    List<String> row = new ArrayList<>(values.length);
    for (Object v : values) {
      row.add(fmt(v));
    }
    rows.add(row);
    return this;
  }

  /** Numbers to at most 4 significant digits (small probabilities in scientific notation). */
  public static String fmt(Object v) {
    if (v instanceof Double d) {
      double x = d;
      if (Double.isNaN(x)) {
        return "n/a";
      }
      if (x == 0) {
        return "0";
      }
      double a = Math.abs(x);
      if (a < 1e-3 || a >= 1e7) {
        return String.format("%.3g", x);
      }
      if (a >= 1000) {
        return String.format("%.0f", x);
      }
      return String.format("%.4g", x);
    }
    if (v instanceof Float f) {
      return fmt((double) f);
    }
    return String.valueOf(v);
  }

  public Path writeCsv(Path dir) {
    Path file = dir.resolve(name + ".csv");
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", columns.stream().map(Table::csv).toList())).append('\n');
    for (List<String> row : rows) {
      out.append(String.join(",", row.stream().map(Table::csv).toList())).append('\n');
    }
    try {
      Files.writeString(file, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", columns)).append(" |\n");
    out.append("|").append(" --- |".repeat(columns.size())).append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
