package io.edvt.node.devnet.genesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Reads an execution client's block 0 ({@link ExecutionGenesisBlock}) from its JSON-RPC endpoint
 * with {@code eth_getBlockByNumber("0x0", false)}, or from a file holding that answer.
 *
 * <p>The endpoint may be the public JSON-RPC port (ethereumjs' {@code --rpc}, 8545, no
 * authentication) or the Engine API port (8551), which serves the {@code eth_} methods too but
 * only with a JWT: then pass the secret. Every failure is an {@link IllegalArgumentException} with
 * one line naming the endpoint or file and the cause; an answer or file is read up to
 * {@link #MAX_BYTES}.
 */
public final class ExecutionGenesisReader {
  /** A block 0 without transactions is about 1.5 KB of JSON; anything past this is not one. */
  public static final int MAX_BYTES = 1 << 20;
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x0\",false]}";

  private ExecutionGenesisReader() {}

  /** Block 0 of the execution client at {@code endpoint}, with a JWT of {@code jwt} when given. */
  public static ExecutionGenesisBlock fromEndpoint(URI endpoint, Optional<JwtSecret> jwt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REQUEST));
    jwt.ifPresent(secret -> request.header("Authorization", "Bearer " + new JwtTokens(secret, InstantSource.system()).token()));
    String where = endpoint + ": eth_getBlockByNumber(\"0x0\")";
    byte[] body;
    int status;
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build()) {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (HttpConnectTimeoutException e) {
      throw new IllegalArgumentException(where + ": unreachable (no connection within " + TIMEOUT.toSeconds() + " s)", e);
    } catch (ConnectException e) {
      // the JDK's client leaves the message of a refused connection empty
      throw new IllegalArgumentException(where + ": unreachable (" + (e.getMessage() == null ? "connection refused"
          : e.getMessage()) + ")", e);
    } catch (HttpTimeoutException e) {
      throw new IllegalArgumentException(where + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException(where + ": interrupted", e);
    }
    if (status == 401 || status == 403) {
      throw new IllegalArgumentException(where + ": HTTP " + status + ", the JWT was "
          + (jwt.isPresent() ? "refused (another secret than the execution client's?)"
              : "missing (the Engine API port needs --ee-jwt-secret-file; the --rpc port does not)"));
    }
    if (body.length > MAX_BYTES) {
      throw new IllegalArgumentException(where + ": answer larger than " + MAX_BYTES + " bytes");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": HTTP " + status + ", not JSON: "
          + quote(new String(body, StandardCharsets.UTF_8)), e);
    }
    if (answer == null || !answer.isObject()) {
      throw new IllegalArgumentException(where + ": HTTP " + status + ", not a JSON-RPC answer");
    }
    if (answer.has("error")) {
      JsonNode error = answer.get("error");
      throw new IllegalArgumentException(where + ": JSON-RPC error " + error.path("code").asText("?") + ": "
          + quote(error.path("message").asText(error.toString())));
    }
    if (!answer.has("result")) {
      throw new IllegalArgumentException(where + ": HTTP " + status + ", an answer without result: " + quote(answer.toString()));
    }
    return parse(answer.get("result"), where);
  }

  /**
   * Block 0 saved in {@code file}: the block object, or the whole JSON-RPC answer ({@code result}
   * holding it), as {@code curl ... eth_getBlockByNumber} printed it.
   */
  public static ExecutionGenesisBlock fromFile(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes, not a block 0");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + describe(e), e);
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + describe(e), e);
    }
    if (node != null && node.isObject() && node.has("result") && !node.has("hash")) {
      node = node.get("result");
    }
    return parse(node, file.toString());
  }

  private static ExecutionGenesisBlock parse(JsonNode block, String where) {
    try {
      return ExecutionGenesisBlock.parse(block);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String quote(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
