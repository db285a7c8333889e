package io.edvt.reftests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edvt.infrastructure.io.SnappyFiles;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One case of the consensus-spec-tests layout:
 * {@code tests/<preset>/<fork>/<runner>/<handler>/<suite>/<case>/}.
 */
public record TestCase(
    String preset, String fork, String runner, String handler, String suite, String name, Path dir) {

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
