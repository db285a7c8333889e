package io.edvt.reftests.completeness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the vectors must hold ({@code vector-manifest.yaml} beside this class): the
 * {@code preset/fork/runner/handler} groups the pinned consensus-spec-tests release has for the
 * forks this client runs, and the case counts of the vectors provided in {@code ../shared/vectors}.
 */
public final class VectorManifest {
  public static final String RESOURCE = "/io/edvt/reftests/vector-manifest.yaml";

  private final String release;
  private final Set<String> releaseGroups;
  private final Map<String, Integer> providedCounts;

  VectorManifest(String release, Set<String> releaseGroups, Map<String, Integer> providedCounts) {
    this.release = release;
    this.releaseGroups = Collections.unmodifiableSet(new TreeSet<>(releaseGroups));
    this.providedCounts = Collections.unmodifiableMap(new TreeMap<>(providedCounts));
  }

  /** The manifest on the classpath. */
  public static VectorManifest load() {
    try (InputStream in = VectorManifest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static VectorManifest parse(JsonNode root) {
    String release = root.path("release").asText("");
    if (release.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " names no release");
    }
    Set<String> groups = new TreeSet<>();
    JsonNode presets = root.path("release_handlers");
    for (Iterator<Map.Entry<String, JsonNode>> p = presets.fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> preset = p.next();
      for (Iterator<Map.Entry<String, JsonNode>> f = preset.getValue().fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> fork = f.next();
        for (Iterator<Map.Entry<String, JsonNode>> r = fork.getValue().fields(); r.hasNext(); ) {
          Map.Entry<String, JsonNode> runner = r.next();
          for (JsonNode handler : runner.getValue()) {
            groups.add(preset.getKey() + "/" + fork.getKey() + "/" + runner.getKey() + "/" + handler.asText());
          }
        }
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    root.path("provided_counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    for (String group : counts.keySet()) {
      if (!groups.contains(group)) {
        throw new IllegalStateException(RESOURCE + ": provided group " + group + " is not among the release's handlers");
      }
    }
    return new VectorManifest(release, groups, counts);
  }

  /** The consensus-specs release the vectors come from. */
  public String release() {
    return release;
  }

  /** Every {@code preset/fork/runner/handler} of the release for the forks this client runs. */
  public Set<String> releaseGroups() {
    return releaseGroups;
  }

  /** The case count of each group of the provided vectors. */
  public Map<String, Integer> providedCounts() {
    return providedCounts;
  }
}
