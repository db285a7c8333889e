package io.edvt.networking.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Installs one of the pinned npm projects beside {@code src/test/js} (its package.json and
 * lockfile, e.g. {@code src/test/js-discv5}) into {@code target/<name>}, once per build, and copies
 * its scripts there; like {@link JsInstall}, a missing Node.js, npm, registry or pinned version
 * fails with the cause ({@link JsUnavailableException}), never a skip.
 *
 * <p>{@code npm ci} is used where it works. The QUIC project uses {@code npm install} against its
 * lockfile: {@code @chainsafe/libp2p-quic} lists prebuilt binaries for every platform as optional
 * dependencies, the registry here serves only the linux-x64-gnu one, so the lockfile cannot list
 * the others and {@code npm ci} refuses it as out of sync; {@code npm install} keeps the locked
 * versions and skips the missing optional packages.
 */
public final class NpmProject {
  private static final Map<String, Path> INSTALLED = new ConcurrentHashMap<>();

  private NpmProject() {}

  /** The installed folder of {@code src/test/<name>}; {@code probe} is a module that must load. */
  public static synchronized Path dir(String name, boolean ci, String probe) {
    Path done = INSTALLED.get(name);
    if (done != null) {
      return done;
    }
    Path module = moduleDir();
    Path source = module.resolve("src/test").resolve(name);
    Path target = module.resolve("target").resolve(name);
    String node = JsInstall.toolVersion(target, "node", "Node.js runs the " + name + " test peer");
    JsInstall.toolVersion(target, "npm", "npm installs the pinned " + name + " packages");
    try {
      Files.createDirectories(target);
      Path lockCopy = target.resolve("package-lock.json");
      boolean fresh = Files.exists(target.resolve("node_modules/.package-lock.json")) && Files.exists(lockCopy)
          && Files.mismatch(lockCopy, source.resolve("package-lock.json")) == -1;
      try (var files = Files.list(source)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.copy(module.resolve("src/test/js/polyfill.cjs"), target.resolve("polyfill.cjs"),
          StandardCopyOption.REPLACE_EXISTING);
      if (!fresh) {
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of("npm", ci ? "ci" : "install", "--no-audit", "--no-fund",
            "--no-update-notifier", "--fetch-retries=1", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=10000"));
        if (!ci) {
          cmd.add("--no-save");
        }
        Path log = target.resolve("npm.log");
        int rc = run(target, cmd, log, 600);
        if (rc != 0) {
          String out = Files.readString(log, StandardCharsets.UTF_8);
          throw new JsUnavailableException(String.join(" ", cmd) + " in " + target + " failed (exit " + rc + "): "
              + out.lines().filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!")).limit(6).toList()
              + "\n(full output in " + log + ")");
        }
        // The lockfile copy marks the install done only once it succeeded.
        System.out.printf("NpmProject: %s installed in %.1f s (node %s)%n", name, (System.nanoTime() - t0) / 1e9, node);
      }
      Path loadLog = target.resolve("load-check.log");
      int rc = run(target, List.of("node", "--require", "./polyfill.cjs", "--input-type=module", "-e",
          "await import('" + probe + "')"), loadLog, 60);
      if (rc != 0) {
        throw new JsUnavailableException(probe + " is installed in " + target + " but does not load:\n"
            + Files.readString(loadLog, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + target, e);
    }
    INSTALLED.put(name, target);
    return target;
  }

  private static int run(Path dir, List<String> cmd, Path log, int timeoutSeconds) throws IOException {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new JsUnavailableException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path moduleDir() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p : List.of(cwd, cwd.resolve("networking"))) {
      if (Files.isDirectory(p.resolve("src/test/js"))) {
        return p;
      }
    }
    throw new JsUnavailableException("cannot find the networking module's src/test from " + cwd);
  }
}
