package io.edvt.node.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A real execution client for the tests: {@code @ethereumjs/client} 0.10.5 from npm (it serves
 * the Engine API up to Prague), installed on first use with {@code npm ci} from the committed
 * {@code src/test/ethereumjs/package.json} and {@code package-lock.json} into
 * {@code target/ethereumjs/}, and started on loopback ports with the Prague genesis of the test
 * resources and a fresh JWT secret.
 *
 * <p>When Node.js or npm is missing, the registry cannot be reached or the package does not
 * install or start, it throws an {@link IllegalStateException} naming the cause: the tests that
 * use it then fail, they never skip.
 */
public final class EthereumJs implements AutoCloseable {
  private static final String VERSION = "0.10.5";
  private static final int MIN_NODE_MAJOR = 18;
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path installed;
  private static RuntimeException installFailure;

  private final Process process;
  private final Path runDir;
  private final URI endpoint;
  private final JwtSecret secret;

  private EthereumJs(Process process, Path runDir, URI endpoint, JwtSecret secret) {
    this.process = process;
    this.runDir = runDir;
    this.endpoint = endpoint;
    this.secret = secret;
  }

  /** A running ethereumjs on a fresh Prague chain, its Engine API answering. */
  public static EthereumJs start() {
    return start(JwtSecret.random());
  }

  /**
   * As {@link #start()} with the JWT secret {@code secret}: several started with one secret can
   * serve the nodes of one devnet ({@code --ee-jwt-secret-file}); all start from the same genesis
   * block (the test resources' genesis.json).
   */
  public static EthereumJs start(JwtSecret secret) {
    Path cli = install().resolve("node_modules/@ethereumjs/client/dist/esm/bin/cli.js");
    try {
      Path runs = Files.createDirectories(moduleDir().resolve("target/ethereumjs-runs"));
      Path runDir = Files.createTempDirectory(runs, "run-");
      Path genesis = runDir.resolve("genesis.json");
      try (InputStream in = EthereumJs.class.getResourceAsStream("/io/edvt/node/execution/ethereumjs/genesis.json")) {
        Files.copy(in, genesis);
      }
      Path jwt = Files.writeString(runDir.resolve("jwt.hex"), secret.toHex());
      int enginePort = freePort();
      int p2pPort = freePort();
      List<String> command = List.of("node", cli.toString(),
          "--gethGenesis", genesis.toString(), "--dataDir", runDir.resolve("data").toString(),
          "--rpcEngine", "--rpcEngineAddr", "127.0.0.1", "--rpcEnginePort", String.valueOf(enginePort),
          "--jwtSecret", jwt.toString(), "--port", String.valueOf(p2pPort),
          "--discDns", "false", "--discV4", "false", "--isSingleNode", "true", "--maxPeers", "0");
      Process process = new ProcessBuilder(command).directory(runDir.toFile())
          .redirectErrorStream(true).redirectOutput(runDir.resolve("ethereumjs.out").toFile()).start();
      EthereumJs el = new EthereumJs(process, runDir, URI.create("http://127.0.0.1:" + enginePort), secret);
      el.awaitEngineApi();
      return el;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start ethereumjs: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public JwtSecret secret() {
    return secret;
  }

  long pid() {
    return process.pid();
  }

  /** {@code eth_getBlockByNumber(tag)} over the Engine API port: hash and timestamp of a block. */
  public Block block(String tag) {
    JsonNode result = rawCall("eth_getBlockByNumber", "[\"" + tag + "\", false]");
    return new Block(Bytes32.fromHexString(result.get("hash").asText()),
        Long.decode(result.get("number").asText()), Long.decode(result.get("timestamp").asText()));
  }

  public record Block(Bytes32 hash, long number, long timestamp) {}

  /** Freezes the process (SIGSTOP): its sockets stay open, but it answers nothing. */
  void freeze() {
    signal("STOP");
  }

  /** Kills the process (SIGKILL) and waits for it to be gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("ethereumjs (pid " + process.pid() + ") survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of its output, for a failure message. */
  public String logTail() {
    return logTailOf(runDir);
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

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitEngineApi() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        rawCall("eth_chainId", "[]");
        return;
      } catch (RuntimeException e) {
        lastProblem = e.getMessage();
      }
      try {
        // between tries, wait for the process to exit (it may fail at start), at most 200 ms
        if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("ethereumjs exited with " + process.exitValue()
              + " before its Engine API answered:\n" + logTail());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    kill();
    throw new IllegalStateException("ethereumjs's Engine API did not answer within " + START_TIMEOUT.toSeconds() + " s ("
        + lastProblem + "):\n" + logTail());
  }

  private JsonNode rawCall(String method, String params) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + new JwtTokens(secret, InstantSource.system()).token())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (!json.has("result")) {
        throw new IllegalStateException(method + ": " + response.statusCode() + " " + response.body());
      }
      return json.get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(method + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String logTailOf(Path runDir) {
    try {
      List<String> lines = Files.readAllLines(runDir.resolve("ethereumjs.out"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // ---------------------------------------------------------------------------------- install

  /** {@code target/ethereumjs/} with the pinned packages installed (once per JVM; a failure is remembered). */
  private static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    if (installFailure != null) {
      throw installFailure;
    }
    try {
      installed = doInstall();
      return installed;
    } catch (RuntimeException e) {
      installFailure = e;
      throw e;
    }
  }

  private static Path doInstall() {
    String nodeVersion = run(List.of("node", "--version"), Path.of("."), Duration.ofSeconds(30),
        "Node.js >= " + MIN_NODE_MAJOR + " is needed to run ethereumjs").strip();
    int major = Integer.parseInt(nodeVersion.replaceFirst("^v", "").split("\\.")[0]);
    if (major < MIN_NODE_MAJOR) {
      throw new IllegalStateException("ethereumjs " + VERSION + " needs Node.js >= " + MIN_NODE_MAJOR + ", found " + nodeVersion);
    }
    run(List.of("npm", "--version"), Path.of("."), Duration.ofSeconds(30), "npm is needed to install ethereumjs");
    Path source = moduleDir().resolve("src/test/ethereumjs");
    Path target = moduleDir().resolve("target/ethereumjs");
    try {
      Files.createDirectories(target);
      boolean sameLock = Files.exists(target.resolve("package-lock.json"))
          && Files.mismatch(source.resolve("package-lock.json"), target.resolve("package-lock.json")) == -1;
      Path installedPackage = target.resolve("node_modules/@ethereumjs/client/package.json");
      if (sameLock && Files.exists(installedPackage)
          && JSON.readTree(installedPackage.toFile()).path("version").asText().equals(VERSION)) {
        return target;
      }
      for (String file : List.of("package.json", "package-lock.json")) {
        Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare " + target + ": " + e.getMessage(), e);
    }
    System.out.println("EthereumJs: installing @ethereumjs/client " + VERSION + " into " + target + " (npm ci)");
    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel", "error"), target, INSTALL_TIMEOUT,
        "npm ci of @ethereumjs/client " + VERSION + " failed (registry unreachable, or a pinned version missing from it?)");
    return target;
  }

  /** The node module folder (Surefire runs in it; the build passes {@code edvt.repository}). */
  private static Path moduleDir() {
    String repository = System.getProperty("edvt.repository");
    Path dir = repository != null ? Path.of(repository, "node") : Path.of("").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("src/test/ethereumjs"))) {
      throw new IllegalStateException("cannot find the node module's src/test/ethereumjs from " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  private static String run(List<String> command, Path dir, Duration timeout, String purpose) {
    try {
      Path output = Files.createTempFile("ethereumjs-setup", ".out");
      try {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(purpose + ": " + String.join(" ", command) + " took more than " + timeout.toSeconds() + " s");
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(purpose + ": " + String.join(" ", command) + " exited with " + process.exitValue()
              + ":\n" + tail(out));
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

  private static String tail(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
