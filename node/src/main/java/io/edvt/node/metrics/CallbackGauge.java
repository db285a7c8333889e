package io.edvt.node.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/** An unlabelled gauge or counter whose value is read at scrape time from whoever keeps it. */
final class CallbackGauge extends MetricsRegistry.MetricFamily {
  private final DoubleSupplier value;
  private final boolean counter;

  CallbackGauge(MetricCategory category, String name, String help, DoubleSupplier value, boolean counter) {
    super(category, name, help);
    this.value = value;
    this.counter = counter;
  }

  @Override
  String type() {
    return counter ? "counter" : "gauge";
  }

  @Override
  void writeSamples(StringBuilder out) {
    double v;
    try {
      v = value.getAsDouble();
    } catch (RuntimeException e) {
      return; // a source that cannot answer now (not started, shutting down) leaves its sample out
    }
    sample(out, name(), List.of(), List.of(), v);
  }
}
