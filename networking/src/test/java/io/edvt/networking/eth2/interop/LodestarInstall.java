package io.edvt.networking.eth2.interop;

import io.edvt.networking.interop.JsUnavailableException;
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

/**
 * Installs Lodestar 1.5.1 ({@code src/test/lodestar}: package.json with every {@code @lodestar/*}
 * pinned through overrides, and its lockfile) into {@code target/lodestar} with {@code npm ci} on
 * first use (a few minutes; later runs find the same lockfile and reuse it), then applies the
 * one-line patch its mock execution engine needs (the genesis block hash of {@code lodestar dev},
 * without which every forkchoiceUpdated answers SYNCING and no block is produced; see
 * shared/notes/LODESTAR.md). A missing Node.js 20+ or npm, an unreachable registry or a missing
 * pinned version throws a {@link JsUnavailableException} naming the cause: the test fails, it never
 * skips.
 */
final class LodestarInstall {
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
  static final String PATCHED_FILE = "node_modules/@chainsafe/lodestar/lib/options/beaconNodeOptions/execution.js";
  static final String UNPATCHED_LINE = "            genesisBlockHash: \"\",";
  static final String PATCHED_LINE =
      "            genesisBlockHash: args[\"genesisEth1Hash\"] ?? \"0x\" + \"0b\".repeat(32),";

  private static Path installed;
  private static RuntimeException failure;

  private LodestarInstall() {}

  /** The folder with {@code node_modules/.bin/lodestar}, installing and patching on first use in this JVM. */
  static synchronized Path dir() {
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
      if (Files.isRegularFile(p.resolve("src/test/lodestar/package.json"))) {
        return p;
      }
    }
    throw new JsUnavailableException("cannot find src/test/lodestar/package.json of the networking module from " + cwd);
  }

  private static Path install() {
    Path module = moduleDir();
    Path source = module.resolve("src/test/lodestar");
    Path target = module.resolve("target/lodestar");
    String node = toolVersion(target, "node", "Node.js >= 20 runs Lodestar");
    if (Integer.parseInt(node.replaceFirst("^v", "").split("\\.")[0]) < 20) {
      throw new JsUnavailableException("Node.js >= 20 is needed to run Lodestar, found " + node);
    }
    toolVersion(target, "npm", "npm installs the pinned Lodestar 1.5.1 packages");
    try {
      Files.createDirectories(target);
      Path lockCopy = target.resolve("package-lock.json");
      boolean fresh = Files.isRegularFile(target.resolve("node_modules/.bin/lodestar"))
          && Files.exists(target.resolve("node_modules/.package-lock.json"))
          && Files.exists(lockCopy) && Files.mismatch(lockCopy, source.resolve("package-lock.json")) == -1;
      if (!fresh) {
        for (String f : List.of("package.json", "package-lock.json")) {
          Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        long t0 = System.nanoTime();
        Path log = target.resolve("npm-ci.log");
        Exec npm = exec(target, INSTALL_TIMEOUT, log, "npm", "ci", "--no-audit", "--no-fund", "--no-update-notifier",
            "--fetch-retries=1", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=10000");
        if (npm.timedOut() || npm.exitCode() != 0) {
          throw new JsUnavailableException("npm ci of Lodestar 1.5.1 in " + target + " failed ("
              + (npm.timedOut() ? "timed out" : "exit " + npm.exitCode()) + "): " + npmErrors(npm.output())
              + "\n(full output in " + log + "; retry by hand: cd " + target + " && npm ci)");
        }
        System.out.printf("LodestarInstall: Lodestar 1.5.1 installed in %s in %.0f s (node %s)%n", target,
            (System.nanoTime() - t0) / 1e9, node);
      }
      patch(target.resolve(PATCHED_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + target, e);
    }
    return target;
  }

  /** Applies the mock engine's genesis-hash line, once; fails if the file has neither form of the line. */
  static void patch(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.contains(PATCHED_LINE)) {
      return;
    }
    if (!text.contains(UNPATCHED_LINE)) {
      throw new JsUnavailableException(file + " has no line '" + UNPATCHED_LINE.strip()
          + "' to patch: not the Lodestar 1.5.1 this test pins?");
    }
    Files.writeString(file, text.replace(UNPATCHED_LINE, PATCHED_LINE), StandardCharsets.UTF_8);
  }

  private static String toolVersion(Path dir, String tool, String need) {
    Exec e;
    try {
      e = exec(dir.getParent(), TOOL_TIMEOUT, null, tool, "--version");
    } catch (UncheckedIOException io) {
      throw new JsUnavailableException(tool + " is not installed or not on PATH (" + need + "): "
          + io.getCause().getMessage(), io);
    }
    if (e.timedOut() || e.exitCode() != 0) {
      throw new JsUnavailableException("'" + tool + " --version' failed (" + need + "): " + e.output());
    }
    String[] lines = e.output().strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  private static String npmErrors(String output) {
    List<String> lines = output.lines().filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!"))
        .map(l -> l.replaceFirst("^npm (error|ERR!)\\s?", "")).filter(l -> !l.isBlank() && !l.startsWith("A complete log"))
        .limit(6).toList();
    String t = output.strip();
    return lines.isEmpty() ? "(no npm error line; output ends: " + (t.length() <= 600 ? t : "..." + t.substring(t.length() - 600))
        + ")" : String.join(" | ", lines);
  }

  record Exec(int exitCode, boolean timedOut, String output) {}

  static Exec exec(Path dir, Duration timeout, Path log, String... command) {
    try {
      Files.createDirectories(dir);
      Path out = log != null ? log : Files.createTempFile("edvt-lodestar-", ".log");
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
}
