package io.edvt.reftests.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes case folders of the EDVT vectors, {@code <tests>/<preset>/edvt/<runner>/<handler>/<suite>/<case>/}:
 * snappy-compressed SSZ and YAML (no document start marker, keys sorted where the format has a map),
 * and counts the cases per {@code preset/edvt/runner/handler}.
 */
final class CaseWriter {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build());
  private static final String FORK = SpecMilestone.EDVT.forkName();

  private final Path tests;
  private final Map<String, Integer> counts = new TreeMap<>();

  CaseWriter(Path tests) {
    this.tests = tests;
  }

  /** Cases written so far per {@code preset/edvt/runner/handler}. */
  Map<String, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  /** Deletes {@code <preset>/edvt} under the tests folder, so a generation leaves no stale case behind. */
  void deleteFork(String preset) {
    Path dir = tests.resolve(preset).resolve(FORK);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a new case folder (a case written twice is a generator bug) and counts it. */
  Path caseDir(String preset, String runner, String handler, String suite, String name) {
    Path dir = tests.resolve(preset).resolve(FORK).resolve(runner).resolve(handler).resolve(suite).resolve(name);
    if (Files.exists(dir)) {
      throw new IllegalStateException("case written twice: " + dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    counts.merge(preset + "/" + FORK + "/" + runner + "/" + handler, 1, Integer::sum);
    return dir;
  }

  void ssz(Path dir, String name, byte[] raw) {
    write(dir.resolve(name + ".ssz_snappy"), SnappyFiles.compressBlock(raw));
  }

  void state(Path dir, String name, BeaconState state) {
    ssz(dir, name, state.serialize());
  }

  void yaml(Path dir, String name, Object value) {
    try {
      write(dir.resolve(name), YAML.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void meta(Path dir, Map<String, Object> entries) {
    yaml(dir, "meta.yaml", new TreeMap<>(entries));
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
