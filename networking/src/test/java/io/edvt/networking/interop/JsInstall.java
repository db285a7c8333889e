package io.edvt.networking.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs the pinned js-libp2p packages of {@code src/test/js} (package.json and its lockfile)
 * into {@code target/js} with {@code npm ci}, once per build: a later run finds the same lockfile
 * there and does nothing. Also copies the scripts beside them. When Node.js 20+ or npm is missing,
 * or the registry or a pinned version cannot be had, it throws a {@link JsUnavailableException}
 * naming the cause, so the interop tests fail instead of passing or skipping.
 *
 * <p>Another folder of pinned packages, such as {@code src/test/js-reqresp} (the js side of
 * {@code ReqRespBench}), is installed the same way into {@code target/<folder>} by
 * {@link #dir(JsPackages)}.
 */
public final class JsInstall {
  static final int MIN_NODE_MAJOR = 20;
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  /**
   * A folder {@code src/test/<folder>} of pinned packages (package.json, package-lock.json) and
   * scripts, installed into {@code target/<folder>}.
   *
   * @param folder the folder's name under {@code src/test} and {@code target}
   * @param marker a file of the folder that identifies the networking module
   * @param modules the packages that must load after the install (the first one also marks an
   *     existing install)
   * @param what what the packages are, for messages
   */
  public record JsPackages(String folder, String marker, List<String> modules, String what) {
    public JsPackages {
      modules = List.copyOf(modules);
      if (modules.isEmpty()) {
        throw new IllegalArgumentException("no module to check");
      }
    }
  }

  /** {@code src/test/js}: js-libp2p and gossipsub for the interop tests, {@code TransportBench} and {@code GossipBench}. */
  public static final JsPackages JS_LIBP2P = new JsPackages("js", "peer.mjs",
      List.of("libp2p", "@chainsafe/libp2p-noise", "@libp2p/yamux", "@libp2p/mplex", "@libp2p/gossipsub", "snappyjs"),
      "js-libp2p");

  /** {@code src/test/js-reqresp}: js-libp2p, snappy and CRC32C for {@code ReqRespBench}. */
  public static final JsPackages REQRESP_BENCH = new JsPackages("js-reqresp", "reqresp-bench.mjs",
      List.of("libp2p", "@chainsafe/libp2p-noise", "@libp2p/yamux", "@libp2p/tcp", "snappy", "@node-rs/crc32"),
      "js-libp2p with snappy and CRC32C for the req/resp benchmark");

  private static final Map<String, Path> INSTALLED = new HashMap<>();
  private static final Map<String, RuntimeException> FAILURES = new HashMap<>();

  private JsInstall() {}

  /** The folder with node_modules and the scripts of {@link #JS_LIBP2P}, installing on first use in this JVM. */
  public static Path dir() {
    return dir(JS_LIBP2P);
  }

  /** The folder with node_modules and the scripts of {@code packages}, installing on first use in this JVM. */
  public static synchronized Path dir(JsPackages packages) {
    Path installed = INSTALLED.get(packages.folder());
    if (installed != null) {
      return installed;
    }
    RuntimeException failure = FAILURES.get(packages.folder());
    if (failure != null) {
      throw failure;
    }
    try {
      installed = install(packages);
      INSTALLED.put(packages.folder(), installed);
      return installed;
    } catch (RuntimeException e) {
      FAILURES.put(packages.folder(), e);
      throw e;
    }
  }

  private static Path moduleDir(JsPackages packages) {
    String marker = "src/test/" + packages.folder() + "/" + packages.marker();
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p : List.of(cwd, cwd.resolve("networking"))) {
      if (Files.isRegularFile(p.resolve(marker))) {
        return p;
      }
    }
    throw new JsUnavailableException("cannot find " + marker + " of the networking module from " + cwd);
  }

  private static Path install(JsPackages packages) {
    Path module = moduleDir(packages);
    Path source = module.resolve("src/test/" + packages.folder());
    Path target = module.resolve("target/" + packages.folder());
    String node = toolVersion(target, "node", "Node.js >= " + MIN_NODE_MAJOR + " runs " + packages.what());
    int major = Integer.parseInt(node.replaceFirst("^v", "").split("\\.")[0]);
    if (major < MIN_NODE_MAJOR) {
      throw new JsUnavailableException("Node.js >= " + MIN_NODE_MAJOR + " is needed, found " + node);
    }
    toolVersion(target, "npm", "npm installs the pinned packages of " + packages.what());
    try {
      Files.createDirectories(target);
      Path lockCopy = target.resolve("package-lock.json");
      boolean fresh = Files.isDirectory(target.resolve("node_modules/" + packages.modules().getFirst()))
          && Files.exists(target.resolve("node_modules/.package-lock.json"))
          && Files.exists(lockCopy) && Files.mismatch(lockCopy, source.resolve("package-lock.json")) == -1;
      for (Path f : files(source)) { // package.json, the lockfile and every script
        Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      if (fresh) {
        return target;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + target, e);
    }
    long t0 = System.nanoTime();
    Path log = target.resolve("npm-ci.log");
    Exec npm = exec(target, INSTALL_TIMEOUT, log, "npm", "ci", "--no-audit", "--no-fund", "--no-update-notifier",
        "--fetch-retries=1", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=10000");
    if (npm.timedOut || npm.exitCode != 0) {
      throw new JsUnavailableException("npm ci in " + target + " failed ("
          + (npm.timedOut ? "timed out after " + INSTALL_TIMEOUT.toMinutes() + " min" : "exit " + npm.exitCode) + "): "
          + npmErrors(npm.output) + "\n(full output in " + log + "; retry by hand: cd " + target + " && npm ci)");
    }
    String imports = packages.modules().stream().map(m -> "await import('" + m + "');").collect(Collectors.joining(" "));
    Exec load = exec(target, TOOL_TIMEOUT, null, "node", "--require", "./polyfill.cjs", "--input-type=module", "-e",
        imports);
    if (load.timedOut || load.exitCode != 0) {
      throw new JsUnavailableException(packages.what() + " is installed in " + target + " but does not load:\n"
          + load.output);
    }
    System.out.printf("JsInstall: %s installed in %s in %.1f s (node %s)%n", packages.what(), target,
        (System.nanoTime() - t0) / 1e9, node);
    return target;
  }

  static String toolVersion(Path dir, String tool, String need) {
    Exec e;
    try {
      e = exec(dir.getParent(), TOOL_TIMEOUT, null, tool, "--version");
    } catch (UncheckedIOException io) {
      throw new JsUnavailableException(tool + " is not installed or not on PATH (" + need + "): " + io.getCause().getMessage(), io);
    }
    if (e.timedOut || e.exitCode != 0) {
      throw new JsUnavailableException("'" + tool + " --version' failed (" + need + "): " + e.output);
    }
    String[] lines = e.output.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  private static String npmErrors(String output) {
    List<String> lines = output.lines()
        .filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!"))
        .map(l -> l.replaceFirst("^npm (error|ERR!)\\s?", ""))
        .filter(l -> !l.isBlank() && !l.startsWith("A complete log"))
        .limit(6)
        .toList();
    return lines.isEmpty() ? "(no npm error line; output ends: " + tail(output) + ")" : String.join(" | ", lines);
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() <= 600 ? t : "..." + t.substring(t.length() - 600);
  }

  private record Exec(int exitCode, boolean timedOut, String output) {}

  private static Exec exec(Path dir, Duration timeout, Path log, String... command) {
    try {
      Files.createDirectories(dir);
      Path out = log != null ? log : Files.createTempFile("edvt-js-", ".log");
      try {
        Process p = new ProcessBuilder(Arrays.asList(command)).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
        return new Exec(done ? p.exitValue() : -1, !done, Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        if (log == null) {
          Files.deleteIfExists(out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static List<Path> scripts(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".mjs")).toList();
    }
  }
}
