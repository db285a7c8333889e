package io.edvt.node.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.node.execution.ethereumjs.EthereumJsInstall;
import io.edvt.node.execution.ethereumjs.EthereumJsProcess;
import io.edvt.node.execution.http.JwtSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A real execution client for the tests: {@code @ethereumjs/client} 0.10.5 from npm (it serves
 * the Engine API up to Prague), installed on first use ({@link EthereumJsInstall}, from the pinned
 * lockfile in the main resources) into {@code target/ethereumjs/}, and started
 * ({@link EthereumJsProcess}) on loopback ports with the bundled Prague genesis (timestamp 0).
 *
 * <p>When Node.js or npm is missing, the registry cannot be reached or the package does not
 * install or start, it throws an {@link IllegalStateException} naming the cause: the tests that
 * use it then fail, they never skip.
 */
public final class EthereumJs implements AutoCloseable {
  private static Path installed;
  private static RuntimeException installFailure;

  private final EthereumJsProcess process;
  private final Path runDir;

  private EthereumJs(EthereumJsProcess process, Path runDir) {
    this.process = process;
    this.runDir = runDir;
  }

  /** A running ethereumjs on a fresh Prague chain, its Engine API answering. */
  public static EthereumJs start() {
    return start(JwtSecret.random());
  }

  /**
   * As {@link #start()} with the JWT secret {@code secret}: several started with one secret can
   * serve the nodes of one devnet ({@code --ee-jwt-secret-file}); all start from the same genesis
   * block (the bundled genesis.json).
   */
  public static EthereumJs start(JwtSecret secret) {
    Path cli = install();
    try {
      Path runs = Files.createDirectories(moduleDir().resolve("target/ethereumjs-runs"));
      Path runDir = Files.createTempDirectory(runs, "run-");
      return new EthereumJs(EthereumJsProcess.start(cli, runDir, EthereumJsInstall.genesisJson(), secret), runDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start ethereumjs: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return process.endpoint();
  }

  public JwtSecret secret() {
    return process.secret();
  }

  long pid() {
    return process.process().pid();
  }

  /** {@code eth_getBlockByNumber(tag)} over the Engine API port: hash and timestamp of a block. */
  public Block block(String tag) {
    JsonNode result = process.call("eth_getBlockByNumber", "[\"" + tag + "\", false]");
    return new Block(Bytes32.fromHexString(result.get("hash").asText()),
        Long.decode(result.get("number").asText()), Long.decode(result.get("timestamp").asText()));
  }

  public record Block(Bytes32 hash, long number, long timestamp) {}

  /** Freezes the process (SIGSTOP): its sockets stay open, but it answers nothing. */
  void freeze() {
    try {
      Process kill = new ProcessBuilder("kill", "-STOP", String.valueOf(pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -STOP " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the process (SIGKILL) and waits for it to be gone. */
  void kill() {
    process.kill();
  }

  /** The last lines of its output, for a failure message. */
  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(runDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover run folder under target/ does no harm
    }
  }

  /** The folder the packages are installed in ({@code target/ethereumjs/}), installing them first when needed. */
  public static Path installation() {
    install();
    return moduleDir().resolve("target/ethereumjs");
  }

  /** The client's cli.js, installed into {@code target/ethereumjs/} (once per JVM; a failure is remembered). */
  private static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    if (installFailure != null) {
      throw installFailure;
    }
    try {
      installed = EthereumJsInstall.install(moduleDir().resolve("target/ethereumjs"), line -> System.out.println("EthereumJs: " + line));
      return installed;
    } catch (RuntimeException e) {
      installFailure = e;
      throw e;
    }
  }

  /** The node module folder (Surefire runs in it; the build passes {@code edvt.repository}). */
  private static Path moduleDir() {
    String repository = System.getProperty("edvt.repository");
    Path dir = repository != null ? Path.of(repository, "node") : Path.of("").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("src/main/java/io/edvt/node"))) {
      throw new IllegalStateException("cannot find the node module from " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }
}
