package io.edvt.node.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A histogram family: observations counted into cumulative buckets, with their sum and count. */
public final class Histogram extends MetricsRegistry.MetricFamily {
  /** Prometheus's default buckets, for durations in seconds. */
  public static final double[] DEFAULT_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final double[] bounds;
  private final List<String> labelNames;
  private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

  Histogram(MetricCategory category, String name, String help, double[] bounds, List<String> labelNames) {
    super(category, name, help);
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        throw new IllegalArgumentException(name + ": bucket bounds must ascend");
      }
    }
    this.bounds = bounds.clone();
    this.labelNames = labelNames;
  }

  /** Records one observation in the series of {@code labelValues}. */
  public void observe(double value, String... labelValues) {
    Series s = series.computeIfAbsent(labels(labelNames, labelValues), k -> new Series(bounds.length));
    int bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]) {
      bucket++;
    }
    s.buckets[bucket].increment(); // per bucket here; written cumulatively
    s.sum.add(value);
  }

  @Override
  String type() {
    return "histogram";
  }

  @Override
  void writeSamples(StringBuilder out) {
    List<String> withLe = new ArrayList<>(labelNames);
    withLe.add("le");
    for (Map.Entry<List<String>, Series> e : sorted(series)) {
      long cumulative = 0;
      for (int i = 0; i <= bounds.length; i++) {
        cumulative += e.getValue().buckets[i].sum();
        List<String> values = new ArrayList<>(e.getKey());
        values.add(i < bounds.length ? format(bounds[i]) : "+Inf");
        sample(out, name() + "_bucket", withLe, values, cumulative);
      }
      sample(out, name() + "_sum", labelNames, e.getKey(), e.getValue().sum.sum());
      sample(out, name() + "_count", labelNames, e.getKey(), cumulative);
    }
  }

  private static final class Series {
    final LongAdder[] buckets;
    final DoubleAdder sum = new DoubleAdder();

    Series(int bounds) {
      buckets = new LongAdder[bounds + 1];
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }
}
