package io.edvt.spec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A specrefs map: which Java method implements each function of a spec document, as a YAML
 * resource {@code <key>: {function: "Class#method"}}. Each module's specrefs test loads its map
 * here and checks it with {@link #missingMethods}, so a renamed or removed method breaks the build
 * instead of leaving a stale pointer for client developers.
 */
public final class SpecRefs {
  private SpecRefs() {}

  /** The map under {@code key} in the resource {@code resource}, in file order. */
  public static Map<String, String> load(Class<?> anchor, String resource, String key) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName());
      }
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(in).get(key);
      if (node == null) {
        throw new IllegalArgumentException(resource + " has no top-level key '" + key + "'");
      }
      Map<String, String> refs = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> refs.put(e.getKey(), e.getValue().asText()));
      return refs;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /**
   * The entries ({@code "function -> Class#method"}) whose class is in none of {@code packages}
   * (prefixes ending with a dot) or has no public method of that name.
   */
  public static List<String> missingMethods(Map<String, String> refs, List<String> packages) {
    List<String> missing = new ArrayList<>();
    refs.forEach((function, target) -> {
      String[] parts = target.split("#");
      Class<?> cls = parts.length == 2 ? findClass(parts[0], packages) : null;
      boolean found = cls != null && Arrays.stream(cls.getMethods())
          .anyMatch(m -> m.getName().equals(parts[1]) && Modifier.isPublic(m.getModifiers()));
      if (!found) {
        missing.add(function + " -> " + target);
      }
    });
    return missing;
  }

  private static Class<?> findClass(String simpleName, List<String> packages) {
    for (String p : packages) {
      try {
        return Class.forName(p + simpleName);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    return null;
  }
}
