package io.edvt.reftests.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 of each archive as first downloaded, kept in {@code checksums.sha256} of the release's
 * cache folder ({@code sha256sum} format), so a later run notices an archive that changed.
 */
final class RecordedChecksums {
  static final String FILE = "checksums.sha256";

  private final Path file;
  private final Map<String, String> byArchive;

  private RecordedChecksums(Path file, Map<String, String> byArchive) {
    this.file = file;
    this.byArchive = byArchive;
  }

  static RecordedChecksums load(Path releaseDir) {
    Path file = releaseDir.resolve(FILE);
    Map<String, String> values = new TreeMap<>();
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file)) {
          String[] parts = line.strip().split("\\s+");
          if (parts.length == 2) {
            values.put(parts[1], parts[0]);
          }
        }
      } catch (IOException e) {
        throw new VectorFetcher.FetchException("cannot read " + file + ": " + e.getMessage());
      }
    }
    return new RecordedChecksums(file, values);
  }

  Optional<String> of(String archive) {
    return Optional.ofNullable(byArchive.get(archive));
  }

  void record(String archive, String sha256) {
    byArchive.put(archive, sha256);
    StringBuilder text = new StringBuilder();
    byArchive.forEach((name, value) -> text.append(value).append("  ").append(name).append('\n'));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new VectorFetcher.FetchException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
