package io.edvt.node.execution.ethereumjs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code @ethereumjs/client} 0.10.5 from npm, a real execution client that serves the Engine API up
 * to Prague: installed with {@code npm ci} from the {@code package.json} and
 * {@code package-lock.json} bundled here (this package's resources), once per folder (a folder that
 * holds the same lockfile and the installed version is used as it is).
 *
 * <p>Every failure is an {@link IllegalStateException} naming the cause: Node.js or npm missing or
 * too old, the registry unreachable, a pinned version missing from it.
 */
public final class EthereumJsInstall {
  public static final String VERSION = "0.10.5";
  /** The bundled files: the pinned packages and the Prague genesis.json. */
  static final String RESOURCES = "/io/edvt/node/execution/ethereumjs/";
  private static final int MIN_NODE_MAJOR = 18;
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EthereumJsInstall() {}

  /**
   * The client's command-line entry point ({@code cli.js}) under {@code target}, installing it there
   * first when needed; {@code progress} is told before an install (which takes about a minute).
   */
  public static Path install(Path target, Consumer<String> progress) {
    String nodeVersion = run(List.of("node", "--version"), Path.of("."), Duration.ofSeconds(30),
        "Node.js >= " + MIN_NODE_MAJOR + " is needed to run ethereumjs").strip();
    int major;
    try {
      major = Integer.parseInt(nodeVersion.replaceFirst("^v", "").split("\\.")[0]);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("node --version printed '" + nodeVersion + "', not a version");
    }
    if (major < MIN_NODE_MAJOR) {
      throw new IllegalStateException("ethereumjs " + VERSION + " needs Node.js >= " + MIN_NODE_MAJOR + ", found " + nodeVersion);
    }
    Path cli = target.resolve("node_modules/@ethereumjs/client/dist/esm/bin/cli.js");
    try {
      Files.createDirectories(target);
      byte[] lock = resource("package-lock.json");
      boolean sameLock = Files.exists(target.resolve("package-lock.json"))
          && Arrays.equals(Files.readAllBytes(target.resolve("package-lock.json")), lock);
      Path installedPackage = target.resolve("node_modules/@ethereumjs/client/package.json");
      if (sameLock && Files.exists(installedPackage) && Files.exists(cli)
          && JSON.readTree(installedPackage.toFile()).path("version").asText().equals(VERSION)) {
        return cli;
      }
      Files.write(target.resolve("package.json"), resource("package.json"));
      Files.write(target.resolve("package-lock.json"), lock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare " + target + ": " + e.getMessage(), e);
    }
    run(List.of("npm", "--version"), Path.of("."), Duration.ofSeconds(30), "npm is needed to install ethereumjs");
    progress.accept("installing @ethereumjs/client " + VERSION + " into " + target + " (npm ci, about a minute)");
    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel", "error"), target, INSTALL_TIMEOUT,
        "npm ci of @ethereumjs/client " + VERSION + " failed (registry unreachable, or a pinned version missing from it?)");
    return cli;
  }

  /** The bundled Prague genesis.json (chain id 1337, every fork up to Prague at 0), timestamp 0. */
  public static byte[] genesisJson() {
    return resource("genesis.json");
  }

  /** The bundled genesis.json with {@code timestamp} (Unix seconds) as its block 0's timestamp. */
  public static byte[] genesisJson(long timestamp) {
    try {
      ObjectNode genesis = (ObjectNode) JSON.readTree(genesisJson());
      genesis.put("timestamp", "0x" + Long.toHexString(timestamp));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(genesis);
    } catch (IOException e) {
      throw new IllegalStateException("the bundled genesis.json does not read: " + e.getMessage(), e);
    }
  }

  /** Where {@code edvt devnet --execution=ethereumjs} installs it: {@code $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code edvt/ethereumjs-<version>}. */
  public static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("edvt").resolve("ethereumjs-" + VERSION);
  }

  static byte[] resource(String name) {
    try (InputStream in = EthereumJsInstall.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the build lacks the resource " + RESOURCES + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the resource " + RESOURCES + name + ": " + e.getMessage(), e);
    }
  }

  private static String run(List<String> command, Path dir, Duration timeout, String purpose) {
    try {
      Path output = Files.createTempFile("ethereumjs-setup", ".out");
      try {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(purpose + ": " + String.join(" ", command) + " took more than "
              + timeout.toSeconds() + " s");
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(purpose + ": " + String.join(" ", command) + " exited with "
              + process.exitValue() + ":\n" + tail(out, 20));
        }
        return out;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(purpose + ": cannot run " + command.get(0) + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(purpose + ": interrupted", e);
    }
  }

  static String tail(String text, int lines) {
    List<String> all = new ArrayList<>(List.of(text.split("\n")));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
