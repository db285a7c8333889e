package io.edvt.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** A counter family: one running total per combination of label values. */
public final class Counter extends MetricsRegistry.MetricFamily {
  private final List<String> labelNames;
  private final Map<List<String>, DoubleAdder> values = new ConcurrentHashMap<>();

  Counter(MetricCategory category, String name, String help, List<String> labelNames) {
    super(category, name, help);
    this.labelNames = labelNames;
    if (labelNames.isEmpty()) {
      values.put(List.of(), new DoubleAdder()); // an unlabelled counter is exported as 0 before its first event
    }
  }

  /** Adds one to the series of {@code labelValues}. */
  public void inc(String... labelValues) {
    add(1, labelValues);
  }

  /** Adds {@code amount} (not negative: a counter never goes down). */
  public void add(double amount, String... labelValues) {
    if (amount < 0 || Double.isNaN(amount)) {
      throw new IllegalArgumentException(name() + ": a counter cannot go down (" + amount + ")");
    }
    values.computeIfAbsent(labels(labelNames, labelValues), k -> new DoubleAdder()).add(amount);
  }

  /** The total of the series of {@code labelValues} (0 if it never counted). */
  public double get(String... labelValues) {
    DoubleAdder adder = values.get(labels(labelNames, labelValues));
    return adder == null ? 0 : adder.sum();
  }

  @Override
  String type() {
    return "counter";
  }

  @Override
  void writeSamples(StringBuilder out) {
    for (Map.Entry<List<String>, DoubleAdder> e : sorted(values)) {
      sample(out, name(), labelNames, e.getKey(), e.getValue().sum());
    }
  }
}
