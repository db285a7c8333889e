package io.edvt.infrastructure.ssz;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The plain form of SSZ values ({@link SszType#toPlain}, {@link SszType#fromPlain}) as text: YAML
 * in the form of the consensus-spec-tests {@code value.yaml} files, or JSON of the same shape
 * (integers as JSON numbers, bytes as {@code 0x} hex strings). The reference-test runner, the
 * vector generator and the command-line tools read and write values through this one class, so a
 * value written by one is read the same way by the others.
 */
public final class PlainForm {
  /** A text syntax for the plain form. */
  public enum Format {
    YAML,
    JSON;

    /** The format a file name's extension names ({@code .json} is JSON, anything else YAML). */
    public static Format ofFileName(String fileName) {
      return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }
  }

  // The generator's value.yaml form: no "---" line, Jackson's default quoting.
  private static final ObjectMapper YAML_WRITER = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build());
  // mainnet BeaconState value.yaml files exceed SnakeYAML's default 3 MiB document limit
  private static final ObjectMapper YAML_READER = new ObjectMapper(YAMLFactory.builder()
      .loaderOptions(unlimitedLoader())
      .build());
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlainForm() {}

  private static LoaderOptions unlimitedLoader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return options;
  }

  /** The mapper that reads YAML as the vectors hold it (no document size limit). */
  public static ObjectMapper yamlReader() {
    return YAML_READER;
  }

  /** The mapper that writes YAML in the vectors' form. */
  public static ObjectMapper yamlWriter() {
    return YAML_WRITER;
  }

  /**
   * Parses {@code text} into the plain form.
   *
   * @throws SszPlainException if the text is not well-formed in {@code format} (the message gives
   *     the line and column) or holds a non-integer number
   */
  public static Object read(byte[] text, Format format) {
    JsonNode node;
    try {
      node = (format == Format.JSON ? JSON : YAML_READER).readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new SszPlainException("not valid " + format + (at == null ? "" : " at line " + at.getLineNr()
          + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      throw new SszPlainException("the " + format + " text is empty");
    }
    return of(node);
  }

  /** Converts a parsed YAML or JSON tree into the plain form (integers as {@link BigInteger}). */
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
      throw new SszPlainException("unexpected non-integer number " + node + " (SSZ values hold integers only)");
    }
    return node.asText();
  }

  /** {@code plain} as text in {@code format}; YAML is byte for byte what the vector generator writes. */
  public static byte[] write(Object plain, Format format) {
    try {
      byte[] out = (format == Format.JSON ? JSON : YAML_WRITER).writeValueAsBytes(plain);
      if (format == Format.JSON) {
        byte[] withNewline = java.util.Arrays.copyOf(out, out.length + 1);
        withNewline[out.length] = '\n';
        return withNewline;
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plain form as " + format, e);
    }
  }

  /**
   * Describes the first difference between two plain values ({@code path} names the root), or
   * null when they are equal. Hex strings compare without regard to case, and a decimal string
   * equals the same integer (the vectors write {@code uint256} values as quoted strings).
   */
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
      return new BigInteger(es).equals(actual) ? null : path + ": expected " + es + " got " + actual;
    }
    return Objects.equals(expected, actual) ? null : path + ": expected " + expected + " got " + actual;
  }
}
