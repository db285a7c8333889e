package io.edvt.simulator.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario parameters: the built-in {@code defaults.yaml} (the EIP's values), overlaid key by key
 * with a researcher's file ({@code --params FILE}). A key the defaults do not have is an error, so
 * a typo never silently leaves a default in force. {@code quick:} sections hold the smaller sizes
 * that {@code --quick} uses.
 */
public final class Params {
  private final Map<String, Object> values;
  private final String path;

  private Params(Map<String, Object> values, String path) {
    this.values = values;
    this.path = path;
  }

  /** The defaults, overlaid with {@code file} if not null. */
  public static Params load(Path file) {
    Map<String, Object> defaults = read(Params.class.getResourceAsStream("/io/edvt/simulator/defaults.yaml"), "defaults.yaml");
    if (file != null) {
      try (InputStream in = Files.newInputStream(file)) {
        overlay(defaults, read(in, file.toString()), "");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read parameter file " + file, e);
      }
    }
    return new Params(defaults, "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(InputStream in, String name) {
    try {
      Object parsed = new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
      if (!(parsed instanceof Map)) {
        throw new IllegalArgumentException(name + ": a parameter file is a map of scenario names to their parameters");
      }
      return (Map<String, Object>) parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + name, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void overlay(Map<String, Object> base, Map<String, Object> over, String at) {
    for (Map.Entry<String, Object> e : over.entrySet()) {
      String key = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
      if (!base.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown parameter '" + key + "' (known here: " + base.keySet() + ")");
      }
      Object old = base.get(e.getKey());
      if (old instanceof Map && e.getValue() instanceof Map && !((Map<String, Object>) old).containsKey("type")) {
        overlay((Map<String, Object>) old, (Map<String, Object>) e.getValue(), key);
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
  }

  /** The sub-map {@code key}, with its {@code quick:} entries in force when {@code quick}. */
  @SuppressWarnings("unchecked")
  public Params section(String key, boolean quick) {
    Object v = values.get(key);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("no parameter section '" + qualified(key) + "'");
    }
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) v);
    Object q = copy.remove("quick");
    if (quick && q instanceof Map) {
      copy.putAll((Map<String, Object>) q);
    }
    return new Params(copy, qualified(key));
  }

  private String qualified(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Object get(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("missing parameter '" + qualified(key) + "'");
    }
    return values.get(key);
  }

  public double num(String key) {
    Object v = get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("parameter '" + qualified(key) + "' must be a number, got " + v);
  }

  public int integer(String key) {
    return (int) Math.round(num(key));
  }

  public String str(String key) {
    return String.valueOf(get(key));
  }

  public List<Double> nums(String key) {
    Object v = get(key);
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException("parameter '" + qualified(key) + "' must be a list of numbers");
    }
    List<Double> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Number n)) {
        throw new IllegalArgumentException("parameter '" + qualified(key) + "' must be a list of numbers, has " + o);
      }
      out.add(n.doubleValue());
    }
    return out;
  }

  /** A list of {@code [m, n]} pairs. */
  public List<int[]> pairs(String key) {
    Object v = get(key);
    List<int[]> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof List<?> p && p.size() == 2 && p.get(0) instanceof Number a && p.get(1) instanceof Number b) {
          out.add(new int[] {a.intValue(), b.intValue()});
          continue;
        }
        throw new IllegalArgumentException("parameter '" + qualified(key) + "' must be a list of [m, n] pairs, has " + o);
      }
      return out;
    }
    throw new IllegalArgumentException("parameter '" + qualified(key) + "' must be a list of [m, n] pairs");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object v = get(key);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("parameter '" + qualified(key) + "' must be a map");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> maps(String key) {
    return (List<Map<String, Object>>) get(key);
  }

  /** The values as given (for the report's parameter listing). */
  public Map<String, Object> asMap() {
    return values;
  }
}
