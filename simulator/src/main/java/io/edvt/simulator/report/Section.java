package io.edvt.simulator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's part of the report: what it answers, where the numbers come from (the full stack
 * or a model, said per figure), its parameters, tables (CSV), plots (PNG), the sentence for the
 * EIP and notes.
 */
public final class Section {
  public final String name;
  public final String title;
  public String question = "";
  public String provenance = "";
  public final Map<String, Object> parameters = new LinkedHashMap<>();
  public final List<Table> tables = new ArrayList<>();
  public final List<String[]> plots = new ArrayList<>();
  public final Map<String, String> sentences = new LinkedHashMap<>();
  public final List<String> notes = new ArrayList<>();
  public final Map<String, Double> headline = new LinkedHashMap<>();
  public double seconds;

  public Section(String name, String title) {
    this.name = name;
    this.title = title;
  }

  public Section table(Table t) {
    tables.add(t);
    return this;
  }

  /** A plot file (in the report folder) with its caption, which says full stack or model. */
  public Section plot(String file, String caption) {
    plots.add(new String[] {file, caption});
    return this;
  }

  /** The sentence for the EIP placeholder {@code marker} (a SIMULATOR name). */
  public Section sentence(String marker, String text) {
    sentences.put(marker, text);
    return this;
  }

  public Section note(String text) {
    notes.add(text);
    return this;
  }
}
