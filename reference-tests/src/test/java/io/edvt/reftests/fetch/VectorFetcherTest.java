package io.edvt.reftests.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.edvt.infrastructure.io.OfficialVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./edvt fetch-vectors} against a local HTTP server on loopback serving small release
 * archives: a good release, a pinned checksum that does not match, an archive that changed since
 * its first download, a truncated archive, a missing one, a server that is not there, and an entry
 * that escapes the folder. Each failure is one line naming the archive and the problem.
 */
class VectorFetcherTest {
  @TempDir Path cache;

  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String name = exchange.getRequestURI().getPath().replaceFirst(".*/", "");
      byte[] body = served.get(name);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        } catch (IOException ignored) {
          // the client hangs up on a short body
        }
      }
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    for (String flavour : new String[] {"general", "minimal", "mainnet"}) {
      served.put(flavour + ".tar.gz", tarGz(Map.of(
          "tests/" + flavour + "/fulu/ssz_static/Fork/ssz_random/case_0/roots.yaml", "root: '0x00'\n",
          "tests/" + flavour + "/" + "a".repeat(120) + "/long_name.yaml", "pax: true\n")));
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/releases/download/" + OfficialVectors.RELEASE);
  }

  private VectorFetcher fetcher(PinnedChecksums pins) {
    return new VectorFetcher(base(), cache.resolve("release"), pins, new PrintStream(printed, true, StandardCharsets.UTF_8),
        Duration.ofSeconds(5), Duration.ofSeconds(20));
  }

  private static byte[] tarGz(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (var e : new java.util.TreeMap<>(files).entrySet()) {
        byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void downloadsVerifiesAndUnpacksOnceThenChecksTheRecordedValues() throws IOException {
    Path tests = fetcher(PinnedChecksums.none()).fetch();
    assertThat(tests.resolve("minimal/fulu/ssz_static/Fork/ssz_random/case_0/roots.yaml")).hasContent("root: '0x00'");
    assertThat(tests.resolve("mainnet/" + "a".repeat(120) + "/long_name.yaml")).exists();
    assertThat(cache.resolve("release").resolve(OfficialVectors.COMPLETE_MARKER)).exists();
    assertThat(Files.readString(cache.resolve("release").resolve(RecordedChecksums.FILE))).contains("  general.tar.gz", "  minimal.tar.gz", "  mainnet.tar.gz");
    assertThat(requests.get()).isEqualTo(3);
    assertThat(printed.toString()).contains("recorded, and checked on every later run");

    printed.reset();
    fetcher(PinnedChecksums.none()).fetch();
    assertThat(requests.get()).as("nothing downloaded again").isEqualTo(3);
    assertThat(printed.toString()).contains("(as recorded)").contains("already unpacked");
  }

  @Test
  void aPinnedChecksumThatDoesNotMatchRejectsTheArchive() throws IOException {
    PinnedChecksums pins = PinnedChecksums.parse(new ByteArrayInputStream(
        ("# test\n" + "0".repeat(64) + "  " + OfficialVectors.RELEASE + "/minimal.tar.gz\n").getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> fetcher(pins).fetch())
        .isInstanceOf(VectorFetcher.FetchException.class)
        .hasMessageStartingWith("minimal.tar.gz: SHA-256 ")
        .hasMessageContaining("is not the pinned " + "0".repeat(64));
    assertThat(cache.resolve("release/minimal.tar.gz.rejected")).exists();
    assertThat(cache.resolve("release").resolve(OfficialVectors.COMPLETE_MARKER)).doesNotExist();
  }

  @Test
  void aMatchingPinIsReported() throws Exception {
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(served.get("general.tar.gz")));
    PinnedChecksums pins = PinnedChecksums.parse(new ByteArrayInputStream(
        (sha + "  " + OfficialVectors.RELEASE + "/general.tar.gz\n").getBytes(StandardCharsets.UTF_8)));
    fetcher(pins).fetch();
    assertThat(printed.toString()).contains("general.tar.gz: sha256 " + sha + " (matches the pinned value)");
  }

  @Test
  void anArchiveThatChangedSinceItsFirstDownloadIsRefused() throws IOException {
    fetcher(PinnedChecksums.none()).fetch();
    Path minimal = cache.resolve("release/minimal.tar.gz");
    byte[] changed = Files.readAllBytes(minimal);
    changed[changed.length / 2] ^= 1;
    Files.write(minimal, changed);
    assertThatThrownBy(() -> fetcher(PinnedChecksums.none()).fetch())
        .isInstanceOf(VectorFetcher.FetchException.class)
        .hasMessageStartingWith("minimal.tar.gz: SHA-256 ")
        .hasMessageContaining("recorded at its first download");
  }

  @Test
  void aTruncatedArchiveIsNotUnpackedAsComplete() {
    byte[] whole = served.get("mainnet.tar.gz");
    served.put("mainnet.tar.gz", Arrays.copyOf(whole, whole.length - 30));
    assertThatThrownBy(() -> fetcher(PinnedChecksums.none()).fetch())
        .isInstanceOf(VectorFetcher.FetchException.class)
        .hasMessageStartingWith("mainnet.tar.gz: not a complete .tar.gz");
    assertThat(cache.resolve("release").resolve(OfficialVectors.COMPLETE_MARKER)).doesNotExist();
    assertThat(OneLine.of(thrown(() -> fetcher(PinnedChecksums.none()).fetch()))).isTrue();
  }

  /** A server that declares the whole archive and hangs up halfway (a connection lost mid-download). */
  @Test
  void aDownloadCutShortOfItsDeclaredLengthFails() throws Exception {
    byte[] whole = served.get("general.tar.gz");
    try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread hangUp = Thread.ofVirtual().start(() -> {
        try (var socket = raw.accept()) {
          socket.getInputStream().read(new byte[4096]);
          OutputStream out = socket.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + whole.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(whole, 0, whole.length / 2);
          out.flush();
        } catch (IOException ignored) {
          // the test only needs the half-sent body
        }
      });
      VectorFetcher cut = new VectorFetcher(URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/r"), cache.resolve("release"),
          PinnedChecksums.none(), new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofSeconds(5), Duration.ofSeconds(20));
      assertThatThrownBy(cut::fetch)
          .isInstanceOf(VectorFetcher.FetchException.class)
          .hasMessageStartingWith("http://127.0.0.1:" + raw.getLocalPort() + "/r/general.tar.gz: ");
      hangUp.join();
    }
    assertThat(cache.resolve("release/general.tar.gz")).doesNotExist();
    assertThat(cache.resolve("release/general.tar.gz.part")).doesNotExist();
  }

  @Test
  void aMissingArchiveSaysSo() {
    served.remove("minimal.tar.gz");
    assertThatThrownBy(() -> fetcher(PinnedChecksums.none()).fetch())
        .isInstanceOf(VectorFetcher.FetchException.class)
        .hasMessageEndingWith("minimal.tar.gz: HTTP 404 (no such archive for release " + OfficialVectors.RELEASE + ")");
  }

  @Test
  void noServerMeansNoNetwork() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    VectorFetcher offline = new VectorFetcher(URI.create("http://127.0.0.1:" + closedPort + "/x"), cache.resolve("release"),
        PinnedChecksums.none(), new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofSeconds(5), Duration.ofSeconds(20));
    assertThatThrownBy(offline::fetch)
        .isInstanceOf(VectorFetcher.FetchException.class)
        .hasMessageStartingWith("cannot reach 127.0.0.1")
        .hasMessageContaining("no network?");
  }

  @Test
  void anEntryOutsideTheFolderIsRefused() throws IOException {
    served.put("general.tar.gz", tarGz(Map.of("../escape.yaml", "x")));
    assertThatThrownBy(() -> fetcher(PinnedChecksums.none()).fetch())
        .isInstanceOf(VectorFetcher.FetchException.class)
        .hasMessageContaining("points outside");
    assertThat(cache.resolve("escape.yaml")).doesNotExist();
  }

  @Test
  void theCommandPrintsOneLineAndExitsWithItsCode() {
    served.remove("general.tar.gz");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = FetchVectorsCommand.run(new String[] {"--base-url", base().toString(), "--into", cache.resolve("cmd").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
        .startsWith("fetch-vectors: ").endsWith("HTTP 404 (no such archive for release " + OfficialVectors.RELEASE + ")");

    err.reset();
    assertThat(FetchVectorsCommand.run(new String[] {"--nonsense"}, new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("fetch-vectors: unknown argument '--nonsense' (see ./edvt fetch-vectors --help)\n");
    assertThat(FetchVectorsCommand.run(new String[] {"--base-url", "ftp://x"}, new PrintStream(out), new PrintStream(err)))
        .isEqualTo(2);
    out.reset();
    assertThat(FetchVectorsCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err)))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./edvt fetch-vectors", OfficialVectors.RELEASE);
  }

  private static Throwable thrown(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** A failure's message is one line. */
  private static final class OneLine {
    static boolean of(Throwable t) {
      return t != null && t.getMessage() != null && t.getMessage().lines().count() == 1;
    }
  }
}
