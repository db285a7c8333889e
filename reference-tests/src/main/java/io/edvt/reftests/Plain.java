package io.edvt.reftests;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts parsed YAML into the plain form of {@code SszType.toPlain} (numbers as BigInteger). */
public final class Plain {
  private Plain() {}

  public static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> m.put(e.getKey(), of(e.getValue())));
      return m;
    }
    if (node.isArray()) {
      List<Object> l = new ArrayList<>(node.size());
      node.forEach(n -> l.add(of(n)));
      return l;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      throw new IllegalArgumentException("unexpected non-integer number in vector YAML: " + node);
    }
    return node.asText();
  }

  /** Describes the first difference between two plain values, or null when equal. */
  public static String firstDifference(Object expected, Object actual, String path) {
    if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
      if (!em.keySet().equals(am.keySet())) {
        return path + ": fields differ, expected " + em.keySet() + " got " + am.keySet();
      }
      for (Object k : em.keySet()) {
        String d = firstDifference(em.get(k), am.get(k), path + "." + k);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected instanceof List<?> el && actual instanceof List<?> al) {
      if (el.size() != al.size()) {
        return path + ": expected " + el.size() + " elements, got " + al.size();
      }
      for (int i = 0; i < el.size(); i++) {
        String d = firstDifference(el.get(i), al.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected instanceof String es && actual instanceof String as) {
      return es.equalsIgnoreCase(as) ? null : path + ": expected " + es + " got " + as;
    }
    if (expected instanceof String es && actual instanceof BigInteger && es.matches("[0-9]+")) {
      // uint256 values are written as quoted decimal strings in the vectors
      return new BigInteger(es).equals(actual) ? null : path + ": expected " + es + " got " + actual;
    }
    if (expected instanceof BigInteger && actual instanceof BigInteger) {
      return expected.equals(actual) ? null : path + ": expected " + expected + " got " + actual;
    }
    return java.util.Objects.equals(expected, actual) ? null : path + ": expected " + expected + " got " + actual;
  }
}
