package io.edvt.reftests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.spec.SpecMilestone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One case of the consensus-spec-tests layout:
 * {@code tests/<preset>/<fork>/<runner>/<handler>/<suite>/<case>/}. The fork folder's name is
 * parsed into this client's {@link SpecMilestone} here, once; executors switch over
 * {@link #milestone()}, never over the name.
 */
public record TestCase(String preset, String fork, Optional<SpecMilestone> forkMilestone, String runner,
    String handler, String suite, String name, Path dir) {

  /** The case in folder {@code dir}, named by the folders above it. */
  public TestCase(String preset, String fork, String runner, String handler, String suite, String name, Path dir) {
    this(preset, fork, SpecMilestone.byForkName(fork), runner, handler, suite, name, dir);
  }

  /**
   * The milestone of the case's fork folder. A fork this client does not run (the {@code phase0}
   * shuffling or {@code altair} BLS folders, say) has none; an executor that needs one skips the
   * case with the reason.
   */
  public SpecMilestone milestone() {
    return forkMilestone.orElseThrow(() -> new SkipCase("fork '" + fork + "' is not a milestone of this client (its milestones are "
        + Arrays.stream(SpecMilestone.values()).map(SpecMilestone::forkName).toList() + ")"));
  }

  private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

  private static YAMLFactory yamlFactory() {
    // mainnet BeaconState value.yaml files exceed SnakeYAML's default 3 MiB document limit
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /** The group a case is counted under in the summary: {@code preset/fork/runner/handler}. */
  public String group() {
    return preset + "/" + fork + "/" + runner + "/" + handler;
  }

  /** Display name used in JUnit reports. */
  public String displayName() {
    return group() + "/" + suite + "/" + name;
  }

  public boolean has(String fileName) {
    return Files.exists(dir.resolve(fileName));
  }

  /** Parses {@code <fileName>} in the case folder as YAML. */
  public JsonNode yaml(String fileName) {
    try {
      return YAML.readTree(dir.resolve(fileName).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(fileName), e);
    }
  }

  /** Reads {@code <baseName>.ssz_snappy} and returns the decompressed SSZ bytes. */
  public byte[] ssz(String baseName) {
    return SnappyFiles.readSszSnappy(dir.resolve(baseName + ".ssz_snappy"));
  }

  @Override
  public String toString() {
    return displayName();
  }
}
