package io.edvt.reftests.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Published SHA-256 values of release archives, as {@code <sha256>  <release>/<archive>} lines in
 * the resource {@code consensus-spec-tests.sha256} (blank lines and {@code #} comments allowed). A
 * release's archives are pinned here once their values are known from the release page; until
 * then the fetcher records what it downloads and checks that on every later run.
 */
public final class PinnedChecksums {
  private final Map<String, String> byName;

  private PinnedChecksums(Map<String, String> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The pins shipped with this client. */
  public static PinnedChecksums builtIn() {
    try (InputStream in = PinnedChecksums.class.getResourceAsStream("consensus-spec-tests.sha256")) {
      return in == null ? new PinnedChecksums(Map.of()) : parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pins from {@code <sha256>  <release>/<archive>} lines. */
  public static PinnedChecksums parse(InputStream in) throws IOException {
    Map<String, String> pins = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int number = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("\\s+");
      if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException("consensus-spec-tests.sha256 line " + number + ": expected '<sha256>  <release>/<archive>', got '" + text + "'");
      }
      pins.put(parts[1], parts[0].toLowerCase());
    }
    return new PinnedChecksums(pins);
  }

  /** No pins at all. */
  public static PinnedChecksums none() {
    return new PinnedChecksums(Map.of());
  }

  public Optional<String> of(String release, String archive) {
    return Optional.ofNullable(byName.get(release + "/" + archive));
  }
}
