package io.edvt.networking.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs the pinned js-libp2p packages of {@code src/test/js} (package.json and its lockfile)
 * into {@code target/js} with {@code npm ci}, once per build: a later run finds the same lockfile
 * there and does nothing. Also copies the scripts beside them. When Node.js 20+ or npm is missing,
 * or the registry or a pinned version cannot be had, it throws a {@link JsUnavailableException}
 * naming the cause, so the interop tests fail instead of passing or skipping.
 */
public final class JsInstall {
  static final int MIN_NODE_MAJOR = 20;
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  private static Path installed;
  private static RuntimeException failure;

  private JsInstall() {}

  /** The folder with node_modules and the scripts, installing on first use in this JVM. */
  public static synchronized Path dir() {
    if (installed != null) {
      return installed;
    }
    if (failure != null) {
      throw failure;
    }
    try {
      installed = install();
      return installed;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private static Path moduleDir() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p : List.of(cwd, cwd.resolve("networking"))) {
      if (Files.isRegularFile(p.resolve("src/test/js/peer.mjs"))) {
        return p;
      }
    }
    throw new JsUnavailableException("cannot find src/test/js/peer.mjs of the networking module from " + cwd);
  }

  private static Path install() {
    Path module = moduleDir();
    Path source = module.resolve("src/test/js");
    Path target = module.resolve("target/js");
    String node = toolVersion(target, "node", "Node.js >= " + MIN_NODE_MAJOR + " runs the js-libp2p test peer");
    int major = Integer.parseInt(node.replaceFirst("^v", "").split("\\.")[0]);
    if (major < MIN_NODE_MAJOR) {
      throw new JsUnavailableException("Node.js >= " + MIN_NODE_MAJOR + " is needed, found " + node);
    }
    toolVersion(target, "npm", "npm installs the pinned js-libp2p packages");
    try {
      Files.createDirectories(target);
      Path lockCopy = target.resolve("package-lock.json");
      boolean fresh = Files.isDirectory(target.resolve("node_modules/libp2p"))
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
    Exec load = exec(target, TOOL_TIMEOUT, null, "node", "--require", "./polyfill.cjs", "--input-type=module", "-e",
        "await import('libp2p'); await import('@chainsafe/libp2p-noise'); await import('@libp2p/yamux');"
            + " await import('@libp2p/mplex'); await import('@libp2p/gossipsub'); await import('snappyjs');");
    if (load.timedOut || load.exitCode != 0) {
      throw new JsUnavailableException("js-libp2p is installed in " + target + " but does not load:\n" + load.output);
    }
    System.out.printf("JsInstall: js-libp2p installed in %s in %.1f s (node %s)%n", target, (System.nanoTime() - t0) / 1e9,
        node);
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
