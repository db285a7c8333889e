package io.edvt.forkchoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The specrefs map of EDVT's fork choice ({@code specrefs/edvt-fork-choice.yaml}): every function
 * that {@code specs/edvt/fork-choice.md} defines is mapped, and every mapped method is public and
 * exists.
 */
class EdvtForkChoiceSpecRefsTest {
  private static final Path SPEC = Path.of("../ethereum/spec-extensions/specs/edvt/fork-choice.md");

  private static JsonNode refs() throws Exception {
    try (InputStream in = EdvtForkChoiceSpecRefsTest.class.getResourceAsStream("/specrefs/edvt-fork-choice.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in).get("edvt-fork-choice");
    }
  }

  @Test
  void everyFunctionOfTheDocumentIsMapped() throws Exception {
    TreeSet<String> defined = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^def (\\w+)\\(").matcher(Files.readString(SPEC));
    while (m.find()) {
      defined.add(m.group(1));
    }
    TreeSet<String> mapped = new TreeSet<>();
    refs().fieldNames().forEachRemaining(mapped::add);
    assertThat(defined).as("functions defined in fork-choice.md").hasSizeGreaterThanOrEqualTo(7);
    assertThat(mapped).as("mapped functions").isEqualTo(defined);
  }

  @Test
  void everyMappedMethodExistsAndIsPublic() throws Exception {
    List<String> missing = new ArrayList<>();
    for (var it = refs().fields(); it.hasNext(); ) {
      var e = it.next();
      String[] target = e.getValue().asText().split("#");
      Class<?> cls = Class.forName("io.edvt.forkchoice." + target[0]);
      boolean found = Arrays.stream(cls.getMethods())
          .anyMatch(method -> method.getName().equals(target[1]) && Modifier.isPublic(method.getModifiers()));
      if (!found) {
        missing.add(e.getKey() + " -> " + e.getValue().asText());
      }
    }
    assertThat(missing).isEmpty();
  }
}
