package io.edvt.node.execution.ethereumjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import java.io.IOException;
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
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ethereumjs process ({@link EthereumJsInstall}) on loopback: its own folder with the
 * genesis.json, the JWT secret, its data and its output ({@code ethereumjs.out}), the Engine API
 * (which also serves the {@code eth_} methods) on a free port, p2p off (single node, no
 * discovery, no peers). {@link #start} returns once the Engine API answers.
 */
public final class EthereumJsProcess implements AutoCloseable {
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path dir;
  private final URI endpoint;
  private final JwtSecret secret;

  private EthereumJsProcess(Process process, Path dir, URI endpoint, JwtSecret secret) {
    this.process = process;
    this.dir = dir;
    this.endpoint = endpoint;
    this.secret = secret;
  }

  /**
   * Starts {@code cli} in {@code dir} (created) on {@code genesisJson} with {@code secret}, and
   * waits for its Engine API.
   *
   * @throws IllegalStateException when it exits or does not answer within {@link #START_TIMEOUT},
   *     with the end of its output
   */
  public static EthereumJsProcess start(Path cli, Path dir, byte[] genesisJson, JwtSecret secret) {
    try {
      Files.createDirectories(dir);
      Path genesis = Files.write(dir.resolve("genesis.json"), genesisJson);
      Path jwt = Files.writeString(dir.resolve("jwt.hex"), secret.toHex());
      int enginePort = freePort();
      int p2pPort = freePort();
      List<String> command = List.of("node", cli.toString(),
          "--gethGenesis", genesis.toString(), "--dataDir", dir.resolve("data").toString(),
          "--rpcEngine", "--rpcEngineAddr", "127.0.0.1", "--rpcEnginePort", String.valueOf(enginePort),
          "--jwtSecret", jwt.toString(), "--port", String.valueOf(p2pPort),
          "--discDns", "false", "--discV4", "false", "--isSingleNode", "true", "--maxPeers", "0");
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("ethereumjs.out").toFile()).start();
      EthereumJsProcess el = new EthereumJsProcess(process, dir, URI.create("http://127.0.0.1:" + enginePort), secret);
      el.awaitEngineApi();
      return el;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start ethereumjs in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Its Engine API, e.g. {@code http://127.0.0.1:40123}. */
  public URI endpoint() {
    return endpoint;
  }

  public JwtSecret secret() {
    return secret;
  }

  public Process process() {
    return process;
  }

  /** A JSON-RPC call over the Engine API port with a JWT: the {@code result}, or an exception naming the error. */
  public JsonNode call(String method, String params) {
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

  /** The last lines of its output. */
  public String logTail() {
    try {
      return EthereumJsInstall.tail(Files.readString(dir.resolve("ethereumjs.out"), StandardCharsets.UTF_8), 30);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL, waiting until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("ethereumjs (pid " + process.pid() + ") survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitEngineApi() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        call("eth_chainId", "[]");
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
