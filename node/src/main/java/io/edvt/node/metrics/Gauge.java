package io.edvt.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A gauge family set by the code that knows the values: one value per combination of label values. */
public final class Gauge extends MetricsRegistry.MetricFamily {
  private final List<String> labelNames;
  private final Map<List<String>, Double> values = new ConcurrentHashMap<>();

  Gauge(MetricCategory category, String name, String help, List<String> labelNames) {
    super(category, name, help);
    this.labelNames = labelNames;
  }

  /** Sets the series of {@code labelValues} to {@code value}. */
  public void set(double value, String... labelValues) {
    values.put(labels(labelNames, labelValues), value);
  }

  /** Removes the series of {@code labelValues} (a peer that left, a topic unsubscribed). */
  public void remove(String... labelValues) {
    values.remove(labels(labelNames, labelValues));
  }

  @Override
  String type() {
    return "gauge";
  }

  @Override
  void writeSamples(StringBuilder out) {
    for (Map.Entry<List<String>, Double> e : sorted(values)) {
      sample(out, name(), labelNames, e.getKey(), e.getValue());
    }
  }
}
