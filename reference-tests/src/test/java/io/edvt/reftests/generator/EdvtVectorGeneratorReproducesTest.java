package io.edvt.reftests.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.reftests.VectorsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed EDVT vectors are exactly what {@code ./edvt generate-vectors} writes: the
 * generator runs into a temporary folder and every file must match the committed one byte for
 * byte, with no file missing or extra on either side.
 */
class EdvtVectorGeneratorReproducesTest {

  @Test
  void regeneratingGivesTheCommittedVectorsByteForByte(@TempDir Path temp) throws IOException {
    Path committed = VectorsRoot.repositoryTestsDir();
    assertThat(committed).as("reference-tests/vectors/tests").isNotNull();
    var counts = EdvtVectorGenerator.generate(temp);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(150);

    TreeSet<String> expected = edvtFiles(committed);
    TreeSet<String> actual = edvtFiles(temp);
    assertThat(actual).as("files written by the generator").containsExactlyElementsOf(expected);
    List<String> differing = new ArrayList<>();
    for (String file : expected) {
      if (!Arrays.equals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(temp.resolve(file)))) {
        differing.add(file);
      }
    }
    assertThat(differing).as("files whose bytes differ from the committed vectors").isEmpty();
  }

  /** The files under {@code <preset>/edvt/}, relative to {@code tests}. */
  private static TreeSet<String> edvtFiles(Path tests) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (String preset : List.of("minimal", "mainnet")) {
      Path root = tests.resolve(preset).resolve("edvt");
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(Files::isRegularFile).forEach(p -> out.add(tests.relativize(p).toString()));
      }
    }
    return out;
  }
}
