package io.edvt.spec.edvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.spec.testing.SpecRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The EDVT specrefs map ({@code specrefs/edvt.yaml}) names only public methods that exist, and
 * maps every function that {@code beacon-chain.md} and {@code fork.md} define. (The validator guide
 * and the networking document describe node behaviour that later modules implement.)
 */
class EdvtSpecRefsTest {
  private static final List<String> PACKAGES =
      List.of("io.edvt.spec.edvt.logic.", "io.edvt.spec.edvt.", "io.edvt.spec.logic.versions.fulu.", "io.edvt.groups.");
  private static final Path SPECS = Path.of("specs/edvt");

  private static Map<String, String> refs() {
    return SpecRefs.load(EdvtSpecRefsTest.class, "/specrefs/edvt.yaml", "edvt");
  }

  @Test
  void everyMappedEdvtFunctionHasItsJavaMethod() {
    assertThat(SpecRefs.missingMethods(refs(), PACKAGES)).as("EDVT functions whose Java method is missing").isEmpty();
  }

  @Test
  void everyFunctionOfTheStateTransitionDocumentsIsMapped() throws Exception {
    TreeSet<String> defined = new TreeSet<>();
    for (String doc : List.of("beacon-chain.md", "fork.md")) {
      Matcher m = Pattern.compile("(?m)^def (\\w+)\\(").matcher(Files.readString(SPECS.resolve(doc)));
      while (m.find()) {
        defined.add(m.group(1));
      }
    }
    assertThat(defined).as("functions defined in beacon-chain.md and fork.md").hasSizeGreaterThan(50);
    defined.removeAll(refs().keySet());
    assertThat(defined).as("functions of beacon-chain.md and fork.md without a Java method in the map").isEmpty();
  }
}
