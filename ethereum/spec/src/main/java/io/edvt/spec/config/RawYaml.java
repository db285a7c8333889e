package io.edvt.spec.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into plain Java values without interpreting scalars: every scalar stays the exact
 * text written (so {@code 0x00000000} is not turned into the number 0, and a 256-bit number is
 * not rounded), mappings become {@link LinkedHashMap}s, sequences {@link List}s and empty values
 * {@code null}. A key given twice in one mapping is an error rather than "last one wins".
 */
final class RawYaml {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private RawYaml() {}

  /** Reads a document whose top level is a mapping; an empty document gives an empty map. */
  static Map<String, Object> readMapping(InputStream in, String source) {
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new LinkedHashMap<>();
      }
      if (first != JsonToken.START_OBJECT) {
        throw new SpecConfigException(source, null, "the top level must be a mapping of KEY: value");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) readNode(p, first, source);
      return map;
    } catch (IOException e) {
      throw new SpecConfigException(source, null, "not readable as YAML: " + e.getMessage(), e);
    }
  }

  /** Reads a document holding a single value (scalar, sequence or mapping). */
  static Object readValue(String text, String source) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      return first == null ? null : readNode(p, first, source);
    } catch (IOException e) {
      throw new SpecConfigException(source, null, "not readable as YAML: " + e.getMessage(), e);
    }
  }

  private static Object readNode(JsonParser p, JsonToken token, String source) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          Object value = readNode(p, p.nextToken(), source);
          if (map.containsKey(name)) {
            throw new SpecConfigException(source, name, "key '" + name + "' is given more than once");
          }
          map.put(name, value);
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(readNode(p, t, source));
        }
        return list;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> {
        return p.getText();
      }
    }
  }
}
