package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.edvt.infrastructure.ssz.PlainForm;
import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.node.cli.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt ssz root|decode|encode} on the {@code ssz_static} vectors: the root is
 * {@code roots.yaml}'s, decode gives {@code value.yaml} (byte for byte for the EDVT vectors, which
 * the generator writes with the same YAML writer; as the same values for the official ones), and
 * encoding the decoded YAML or JSON gives back {@code serialized.ssz_snappy} byte for byte.
 */
class SszCommandsTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyEdvtSszStaticCaseRoundTrips() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String preset : List.of("minimal", "mainnet")) {
      Path runner = Vectors.edvt(preset).resolve("ssz_static");
      for (Path handler : list(runner)) {
        for (Path c : Vectors.cases(handler)) {
          String type = handler.getFileName().toString();
          tests.add(dynamicTest(preset + "/" + type + "/" + c.getFileName(), () -> roundTrip("edvt", preset, type, c, true)));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(81);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> fuluSszStaticCasesRoundTrip() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String preset : List.of("minimal", "mainnet")) {
      Path runner = Vectors.fulu(preset).resolve("ssz_static");
      for (String type : List.of("BeaconState", "SignedBeaconBlock", "Attestation", "DataColumnSidecar", "Validator")) {
        Path c = Vectors.cases(runner.resolve(type)).get(0);
        tests.add(dynamicTest(preset + "/" + type + "/" + c.getParent().getFileName() + "/" + c.getFileName(),
            () -> roundTrip("fulu", preset, type, c, false)));
      }
    }
    return tests.stream();
  }

  private void roundTrip(String fork, String preset, String type, Path c, boolean sameYamlBytes) throws IOException {
    Path serialized = c.resolve("serialized.ssz_snappy");
    Result root = Cli.run("ssz", "root", "--type", type, "--fork", fork, "--preset", preset, serialized);
    assertThat(root.exitCode()).as(root.toString()).isZero();
    assertThat(root.out().strip()).isEqualTo(Vectors.root(c));

    Path yaml = tmp.resolve("value.yaml");
    Result decode = Cli.run("ssz", "decode", "--type", type, "--fork", fork, "--preset", preset, "--out", yaml, serialized);
    assertThat(decode.exitCode()).as(decode.toString()).isZero();
    byte[] expectedYaml = Files.readAllBytes(c.resolve("value.yaml"));
    if (sameYamlBytes) {
      assertThat(new String(Files.readAllBytes(yaml))).isEqualTo(new String(expectedYaml));
    } else {
      assertThat(PlainForm.firstDifference(PlainForm.read(expectedYaml, PlainForm.Format.YAML),
          PlainForm.read(Files.readAllBytes(yaml), PlainForm.Format.YAML), type)).isNull();
    }
    for (String format : List.of("yaml", "json")) {
      Path text = tmp.resolve("value." + format);
      if (format.equals("json")) {
        assertThat(Cli.run("ssz", "decode", "--type", type, "--fork", fork, "--preset", preset, "--format", "json", "--out", text, serialized)
            .exitCode()).isZero();
      }
      Path back = tmp.resolve("back.ssz");
      Result encode = Cli.run("ssz", "encode", "--type", type, "--fork", fork, "--preset", preset, "--out", back, text);
      assertThat(encode.exitCode()).as(encode.toString()).isZero();
      assertThat(encode.out().strip()).isEqualTo(Vectors.root(c));
      assertThat(Files.readAllBytes(back)).as(format + " back to SSZ").isEqualTo(Vectors.ssz(serialized));
    }
  }

  @Test
  void detectsTheForkAndPresetOfAStateWhenNoneIsNamed() {
    Path c = Vectors.edvt("minimal").resolve("ssz_static/BeaconState/ssz_random/case_0");
    Result r = Cli.run("--verbose", "ssz", "root", "--type", "BeaconState", c.resolve("serialized.ssz_snappy"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo(Vectors.root(c));
    assertThat(r.err()).contains("BeaconState of edvt/minimal");

    Path fulu = Vectors.cases(Vectors.fulu("mainnet").resolve("ssz_static/BeaconState")).get(0);
    Result f = Cli.run("ssz", "root", "--verbose", "--type", "BeaconState", fulu.resolve("serialized.ssz_snappy"));
    assertThat(f.out().strip()).isEqualTo(Vectors.root(fulu));
    assertThat(f.err()).contains("BeaconState of fulu/mainnet");
  }

  @Test
  void aValueThatDiffersBetweenForksNeedsTheForkNamed() {
    // EDVT's attestations aggregate over the expanded committees: the same bytes are another value
    Path c = Vectors.edvt("minimal").resolve("ssz_static/Attestation/ssz_random/case_0/serialized.ssz_snappy");
    Result r = Cli.run("ssz", "root", "--type", "Attestation", c);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("edvt ssz root: " + c + ": decodes as Attestation of several networks with "
        + "different values (edvt/minimal, fulu/minimal); name one with --fork and --preset or --config");
  }

  @Test
  void aTypeWhoseValueIsTheSameOnEveryNetworkNeedsNoFork() {
    Path c = Vectors.cases(Vectors.fulu("minimal").resolve("ssz_static/Checkpoint")).get(0);
    Result r = Cli.run("ssz", "root", "--type", "Checkpoint", c.resolve("serialized.ssz_snappy"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo(Vectors.root(c));
  }

  @Test
  void decodesToStdoutAsJson() {
    Path c = Vectors.edvt("mainnet").resolve("ssz_static/GroupKeySet/ssz_random/case_0");
    Result r = Cli.run("ssz", "decode", "--type", "GroupKeySet", "--format", "JSON", c.resolve("serialized.ssz_snappy"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(PlainForm.firstDifference(PlainForm.read(Vectors.yaml(c.resolve("value.yaml")).toString().getBytes(), PlainForm.Format.JSON),
        PlainForm.read(r.out().getBytes(), PlainForm.Format.JSON), "GroupKeySet")).isNull();
  }

  @Test
  void typesListsEachForksTypes() {
    Result r = Cli.run("ssz", "types", "--preset", "minimal");
    assertThat(r.outLines()).hasSize(2);
    assertThat(r.outLines().get(0)).startsWith("edvt: ").contains(" GroupKeySet ", " BeaconState ");
    assertThat(r.outLines().get(1)).startsWith("fulu: ").contains(" BeaconState ").doesNotContain("GroupKeySet");
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
