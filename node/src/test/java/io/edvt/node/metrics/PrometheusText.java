package io.edvt.node.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4) for the tests: every line must be a
 * HELP, a TYPE or a sample; a family's TYPE comes before its samples and only once; a sample
 * belongs to a declared family (histograms through _bucket, _sum, _count); values are numbers.
 */
public final class PrometheusText {
  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
  private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  final Map<String, String> types = new LinkedHashMap<>();
  final List<Sample> samples = new ArrayList<>();

  public static PrometheusText parse(String text) {
    PrometheusText out = new PrometheusText();
    Map<String, Boolean> helped = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        helped.put(m.group(1), true);
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (out.types.put(m.group(1), m.group(2)) != null) {
          throw new IllegalArgumentException("TYPE given twice for " + m.group(1));
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        String family = out.familyOf(name);
        if (family == null) {
          throw new IllegalArgumentException("sample of no declared family: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        String v = m.group(4);
        double value = v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf") ? Double.NEGATIVE_INFINITY
            : Double.parseDouble(v);
        out.samples.add(new Sample(name, labels, value));
      } else {
        throw new IllegalArgumentException("not a Prometheus text line: " + line);
      }
    }
    return out;
  }

  private String familyOf(String sampleName) {
    if (types.containsKey(sampleName)) {
      return sampleName;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
          return base;
        }
      }
    }
    return null;
  }

  /** The value of the unlabelled sample {@code name}. */
  public double value(String name) {
    return value(name, Map.of());
  }

  /** The value of the one sample {@code name} with {@code labels}. */
  public double value(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
  }

  /** The value of sample {@code name} with {@code labels}, or 0 when there is none (a labelled series appears at its first event). */
  public double valueOrZero(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).mapToDouble(Sample::value)
        .findFirst().orElse(0);
  }

  /** The sum of every sample named {@code name}, whatever its labels. */
  public double sum(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }

  /** The label values of {@code label} across the samples named {@code name}. */
  public List<String> labelValues(String name, String label) {
    return samples.stream().filter(s -> s.name().equals(name)).map(s -> s.labels().get(label)).toList();
  }
}
