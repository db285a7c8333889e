package io.edvt.spec;

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

/**
 * The map from consensus-specs functions to Java methods ({@code specrefs/fulu.yaml}) names only
 * methods that exist, are public, and live in the spec's logic packages.
 */
class SpecRefsTest {
  private static final List<String> PACKAGES = List.of(
      "io.edvt.spec.logic.versions.fulu.", "io.edvt.spec.logic.common.");

  @Test
  void everyMappedSpecFunctionHasItsJavaMethod() throws Exception {
    JsonNode refs;
    try (InputStream in = SpecRefsTest.class.getResourceAsStream("/specrefs/fulu.yaml")) {
      refs = new ObjectMapper(new YAMLFactory()).readTree(in).get("fulu");
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
    assertThat(count).as("mapped spec functions").isGreaterThan(100);
    assertThat(missing).as("spec functions whose Java method is missing").isEmpty();
  }

  @Test
  void theMapCoversTheCoreStateTransitionFunctions() throws Exception {
    JsonNode refs;
    try (InputStream in = SpecRefsTest.class.getResourceAsStream("/specrefs/fulu.yaml")) {
      refs = new ObjectMapper(new YAMLFactory()).readTree(in).get("fulu");
    }
    for (String fn : List.of("state_transition", "process_slots", "process_epoch", "process_block",
        "process_attestation", "process_withdrawals", "process_pending_deposits", "upgrade_to_fulu",
        "process_proposer_lookahead", "get_beacon_proposer_index", "process_sync_aggregate")) {
      assertThat(refs.has(fn)).as(fn).isTrue();
    }
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
