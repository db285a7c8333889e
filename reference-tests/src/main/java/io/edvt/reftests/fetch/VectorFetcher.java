package io.edvt.reftests.fetch;

import io.edvt.infrastructure.io.OfficialVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./edvt fetch-vectors}: downloads the consensus-spec-tests archives of the pinned release
 * ({@code general}, {@code minimal}, {@code mainnet}), verifies each, unpacks them into the cache
 * and marks the release complete, so that {@link OfficialVectors} finds them.
 *
 * <p>Verification: a pinned SHA-256 when {@link PinnedChecksums} has one for the archive; the
 * archive's own integrity (gzip CRC and tar structure, read to the end while unpacking); and the
 * SHA-256 recorded at the first download, checked again on every later run (trust on first use
 * when no pin is known). Archives stay in the cache so later runs can check them without
 * downloading.
 */
public final class VectorFetcher {
  /** Where the release archives are downloaded from; override with {@link #BASE_URL_ENV} or {@code --base-url}. */
  public static final String DEFAULT_BASE_URL =
      "https://github.com/ethereum/consensus-specs/releases/download/" + OfficialVectors.RELEASE;
  public static final String BASE_URL_ENV = "EDVT_VECTORS_URL";
  public static final List<String> ARCHIVES = List.of("general.tar.gz", "minimal.tar.gz", "mainnet.tar.gz");

  private final URI baseUrl;
  private final Path releaseDir;
  private final PinnedChecksums pins;
  private final PrintStream out;
  private final HttpClient http;
  private final Duration timeout;

  /** A fetcher with 20 s to connect and 30 minutes per archive (hundreds of MB). */
  public VectorFetcher(URI baseUrl, Path releaseDir, PinnedChecksums pins, PrintStream out) {
    this(baseUrl, releaseDir, pins, out, Duration.ofSeconds(20), Duration.ofMinutes(30));
  }

  VectorFetcher(URI baseUrl, Path releaseDir, PinnedChecksums pins, PrintStream out, Duration connect, Duration timeout) {
    this.baseUrl = baseUrl;
    this.releaseDir = releaseDir;
    this.pins = pins;
    this.out = out;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Makes the release present and verified in {@code releaseDir}: downloads what is missing, checks
   * every archive, unpacks, writes the completion marker.
   *
   * @return the unpacked {@code tests} folder
   * @throws FetchException with a one-line reason on any failure
   */
  public Path fetch() {
    try {
      Files.createDirectories(releaseDir);
    } catch (IOException e) {
      throw new FetchException("cannot create the cache folder " + releaseDir + ": " + e.getMessage());
    }
    RecordedChecksums recorded = RecordedChecksums.load(releaseDir);
    boolean complete = Files.exists(releaseDir.resolve(OfficialVectors.COMPLETE_MARKER));
    boolean unpacked = false;
    for (String archive : ARCHIVES) {
      Path file = releaseDir.resolve(archive);
      if (!Files.exists(file)) {
        download(archive, file);
      }
      String sha256 = Sha256Files.of(file);
      Optional<String> pin = pins.of(OfficialVectors.RELEASE, archive);
      if (pin.isPresent() && !pin.get().equalsIgnoreCase(sha256)) {
        quarantine(file);
        throw new FetchException(archive + ": SHA-256 " + sha256 + " is not the pinned " + pin.get()
            + " (the download was moved aside to " + file.getFileName() + ".rejected)");
      }
      Optional<String> before = recorded.of(archive);
      if (before.isPresent() && !before.get().equalsIgnoreCase(sha256)) {
        throw new FetchException(archive + ": SHA-256 " + sha256 + " differs from " + before.get()
            + " recorded at its first download in " + releaseDir + " (delete that folder to download again)");
      }
      if (before.isEmpty()) {
        recorded.record(archive, sha256);
        out.println("  " + archive + ": sha256 " + sha256 + (pin.isPresent() ? " (matches the pinned value)"
            : " (no published value pinned here; recorded, and checked on every later run)"));
      } else {
        out.println("  " + archive + ": sha256 " + sha256 + " (as recorded" + (pin.isPresent() ? " and pinned" : "") + ")");
      }
      if (!complete) {
        TarGzUnpacker.unpack(file, releaseDir, archive);
        unpacked = true;
      }
    }
    if (!complete) {
      writeMarker();
    }
    Path tests = releaseDir.resolve("tests");
    out.println((unpacked ? "unpacked" : "already unpacked") + " consensus-spec-tests " + OfficialVectors.RELEASE
        + " into " + tests);
    return tests;
  }

  private void download(String archive, Path file) {
    URI uri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/" + archive);
    out.println("downloading " + uri);
    Path partial = file.resolveSibling(archive + ".part");
    try {
      HttpResponse<InputStream> response = http.send(
          HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new FetchException(uri + ": HTTP " + response.statusCode()
              + (response.statusCode() == 404 ? " (no such archive for release " + OfficialVectors.RELEASE + ")" : ""));
        }
        long expected = response.headers().firstValueAsLong("content-length").orElse(-1);
        long copied = Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
        if (expected >= 0 && copied != expected) {
          throw new FetchException(uri + ": the download stopped after " + copied + " of " + expected + " bytes");
        }
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (ConnectException | UnknownHostException e) {
      throw new FetchException("cannot reach " + uri.getHost() + " (" + describe(e) + "): no network? Set "
          + BASE_URL_ENV + " to a mirror, or " + OfficialVectors.ENV + " to a download you have");
    } catch (HttpTimeoutException e) {
      throw new FetchException(uri + ": timed out");
    } catch (IOException e) {
      throw new FetchException(uri + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(uri + ": interrupted");
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // a leftover .part file is overwritten by the next download
      }
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  private static void quarantine(Path file) {
    try {
      Files.move(file, file.resolveSibling(file.getFileName() + ".rejected"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeMarker() {
    try {
      Files.writeString(releaseDir.resolve(OfficialVectors.COMPLETE_MARKER), OfficialVectors.RELEASE + "\n");
    } catch (IOException e) {
      throw new FetchException("cannot write " + releaseDir.resolve(OfficialVectors.COMPLETE_MARKER) + ": " + e.getMessage());
    }
  }

  /** A failure with a one-line reason, printed as such by {@link FetchVectorsCommand}. */
  public static final class FetchException extends RuntimeException {
    public FetchException(String message) {
      super(message);
    }
  }
}
