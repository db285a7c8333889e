package io.edvt.forkchoice;

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
 * The specrefs map of EDVT's fork choice ({@code specrefs/edvt-fork-choice.yaml}): every function
 * that {@code specs/edvt/fork-choice.md} defines is mapped, and every mapped method is public and
 * exists.
 */
class EdvtForkChoiceSpecRefsTest {
  private static final Path SPEC = Path.of("../ethereum/spec-extensions/specs/edvt/fork-choice.md");

  private static Map<String, String> refs() {
    return SpecRefs.load(EdvtForkChoiceSpecRefsTest.class, "/specrefs/edvt-fork-choice.yaml", "edvt-fork-choice");
  }

  @Test
  void everyFunctionOfTheDocumentIsMapped() throws Exception {
    TreeSet<String> defined = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^def (\\w+)\\(").matcher(Files.readString(SPEC));
    while (m.find()) {
      defined.add(m.group(1));
    }
    assertThat(defined).as("functions defined in fork-choice.md").hasSizeGreaterThanOrEqualTo(7);
    assertThat(new TreeSet<>(refs().keySet())).as("mapped functions").isEqualTo(defined);
  }

  @Test
  void everyMappedMethodExistsAndIsPublic() {
    assertThat(SpecRefs.missingMethods(refs(), List.of("io.edvt.forkchoice."))).isEmpty();
  }
}
