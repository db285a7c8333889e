package io.edvt.node.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The node's metrics: named families of counters, gauges and histograms, each in a
 * {@link MetricCategory}, written in the Prometheus text format by {@link #scrape}.
 *
 * <p>Small on purpose (the Prometheus Java client is not in our dependency set, and the text
 * format is a page of rules): registration checks names and refuses a name twice, so two modules
 * cannot silently share one family; values are lock-free adders and callbacks read at scrape time.
 */
public final class MetricsRegistry {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final Map<String, MetricFamily> families = new ConcurrentSkipListMap<>();

  /** A counter family: only goes up. Prometheus convention: the name ends in {@code _total}. */
  public Counter counter(MetricCategory category, String name, String help, String... labelNames) {
    return register(new Counter(category, checkName(name), help, checkLabels(labelNames)));
  }

  /** A gauge family whose values are set by the code that knows them. */
  public Gauge gauge(MetricCategory category, String name, String help, String... labelNames) {
    return register(new Gauge(category, checkName(name), help, checkLabels(labelNames)));
  }

  /** A gauge without labels whose value is read from {@code value} at each scrape. */
  public void gauge(MetricCategory category, String name, String help, DoubleSupplier value) {
    register(new CallbackGauge(category, checkName(name), help, value, false));
  }

  /** A counter without labels whose value is read from {@code value} at each scrape (a total kept elsewhere). */
  public void counter(MetricCategory category, String name, String help, DoubleSupplier value) {
    register(new CallbackGauge(category, checkName(name), help, value, true));
  }

  /** A gauge family with one label, whose series (label value to value) are read from {@code values} at each scrape. */
  public void gauges(MetricCategory category, String name, String help, String labelName,
      Supplier<? extends Map<String, ? extends Number>> values) {
    register(new CallbackGaugeSet(category, checkName(name), help, checkLabels(labelName).getFirst(), values));
  }

  /** A histogram family with the given upper bounds (ascending; {@code +Inf} is added). */
  public Histogram histogram(MetricCategory category, String name, String help, double[] buckets, String... labelNames) {
    return register(new Histogram(category, checkName(name), help, buckets, checkLabels(labelNames)));
  }

  /** The names of every registered family. */
  public Set<String> names() {
    return families.keySet();
  }

  /** The text exposition (format 0.0.4) of the families of {@code enabled} categories, by name. */
  public String scrape(Set<MetricCategory> enabled) {
    StringBuilder out = new StringBuilder();
    for (MetricFamily family : families.values()) {
      if (enabled.contains(family.category())) {
        family.write(out);
      }
    }
    return out.toString();
  }

  private <T extends MetricFamily> T register(T family) {
    if (families.putIfAbsent(family.name(), family) != null) {
      throw new IllegalArgumentException("metric " + family.name() + " is registered twice");
    }
    return family;
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a Prometheus metric name");
    }
    return name;
  }

  private static List<String> checkLabels(String... labelNames) {
    List<String> out = new ArrayList<>();
    for (String label : labelNames) {
      if (!LABEL.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
        throw new IllegalArgumentException("'" + label + "' is not a label name a metric may use");
      }
      out.add(label);
    }
    return List.copyOf(out);
  }

  /** One family: its header lines and its samples. */
  abstract static sealed class MetricFamily permits Counter, Gauge, CallbackGauge, CallbackGaugeSet, Histogram {
    private final MetricCategory category;
    private final String name;
    private final String help;

    MetricFamily(MetricCategory category, String name, String help) {
      this.category = category;
      this.name = name;
      this.help = help;
    }

    MetricCategory category() {
      return category;
    }

    String name() {
      return name;
    }

    final void write(StringBuilder out) {
      out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type()).append('\n');
      writeSamples(out);
    }

    abstract String type();

    abstract void writeSamples(StringBuilder out);

    /** {@code name{a="x",b="y"} value}. */
    static void sample(StringBuilder out, String name, List<String> labelNames, List<String> labelValues, double value) {
      out.append(name);
      if (!labelNames.isEmpty()) {
        out.append('{');
        for (int i = 0; i < labelNames.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(labelNames.get(i)).append("=\"").append(escape(labelValues.get(i))).append('"');
        }
        out.append('}');
      }
      out.append(' ').append(format(value)).append('\n');
    }

    static String escape(String labelValue) {
      return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String format(double value) {
      if (Double.isNaN(value)) {
        return "NaN";
      }
      if (Double.isInfinite(value)) {
        return value > 0 ? "+Inf" : "-Inf";
      }
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        return Long.toString((long) value);
      }
      return Double.toString(value);
    }

    static List<String> labels(List<String> names, String... values) {
      if (values.length != names.size()) {
        throw new IllegalArgumentException("expected " + names.size() + " label values " + names + ", got " + values.length);
      }
      return List.of(values);
    }

    static <V> Collection<Map.Entry<List<String>, V>> sorted(Map<List<String>, V> byLabels) {
      List<Map.Entry<List<String>, V>> entries = new ArrayList<>(byLabels.entrySet());
      entries.sort((a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
      return entries;
    }
  }
}
