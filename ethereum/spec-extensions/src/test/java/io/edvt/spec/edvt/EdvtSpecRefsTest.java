package io.edvt.spec.edvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EDVT specrefs map ({@code specrefs/edvt.yaml}) names only public methods that exist. */
class EdvtSpecRefsTest {
  private static final List<String> PACKAGES = List.of("io.edvt.spec.edvt.logic.", "io.edvt.spec.edvt.");

  @Test
  void everyMappedEdvtFunctionHasItsJavaMethod() throws Exception {
    JsonNode refs;
    try (InputStream in = EdvtSpecRefsTest.class.getResourceAsStream("/specrefs/edvt.yaml")) {
      refs = new ObjectMapper(new YAMLFactory()).readTree(in).get("edvt");
    }
    List<String> missing = new ArrayList<>();
    int count = 0;
    for (var it = refs.fields(); it.hasNext(); ) {
      var e = it.next();
      count++;
      String[] target = e.getValue().asText().split("#");
      Class<?> cls = findClass(target[0]);
      boolean found = cls != null && Arrays.stream(cls.getMethods())
          .anyMatch(m -> m.getName().equals(target[1]) && Modifier.isPublic(m.getModifiers()));
      if (!found) {
        missing.add(e.getKey() + " -> " + e.getValue().asText());
      }
    }
    assertThat(count).as("mapped EDVT functions").isGreaterThanOrEqualTo(11);
    assertThat(missing).as("EDVT functions whose Java method is missing").isEmpty();
  }

  private static Class<?> findClass(String simpleName) {
    for (String p : PACKAGES) {
      try {
        return Class.forName(p + simpleName);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    return null;
  }
}
