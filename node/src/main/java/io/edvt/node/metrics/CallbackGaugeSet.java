package io.edvt.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A gauge family with one label whose series are read at scrape time, all at once, from whoever
 * keeps them (the database's size per column family): the label values are whatever the source
 * returns then.
 */
final class CallbackGaugeSet extends MetricsRegistry.MetricFamily {
  private final String labelName;
  private final Supplier<? extends Map<String, ? extends Number>> values;

  CallbackGaugeSet(MetricCategory category, String name, String help, String labelName,
      Supplier<? extends Map<String, ? extends Number>> values) {
    super(category, name, help);
    this.labelName = labelName;
    this.values = values;
  }

  @Override
  String type() {
    return "gauge";
  }

  @Override
  void writeSamples(StringBuilder out) {
    Map<String, ? extends Number> read;
    try {
      read = new TreeMap<>(values.get());
    } catch (RuntimeException e) {
      return; // a source that cannot answer now (closed while shutting down) leaves its samples out
    }
    read.forEach((label, value) -> sample(out, name(), List.of(labelName), List.of(label), value.doubleValue()));
  }
}
