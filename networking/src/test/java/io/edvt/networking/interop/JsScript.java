package io.edvt.networking.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Node.js script driven over stdin/stdout with one JSON object per line (the protocol of
 * {@link JsPeer}): it prints {@code {"event":"ready",...}}, then answers each {@code {"id":n,"cmd":...}}.
 * Its stderr goes to {@code <dir>/<script>-<n>.log}.
 */
public final class JsScript implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final Process process;
  private final OutputStream stdin;
  private final Path log;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final JsonNode readyMessage;

  public JsScript(Path dir, String script, List<String> args) {
    log = dir.resolve(script.replace(".mjs", "") + "-" + COUNT.incrementAndGet() + ".log");
    List<String> cmd = new ArrayList<>(List.of("node", "--require", "./polyfill.cjs", script));
    cmd.addAll(args);
    try {
      process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw new JsUnavailableException("cannot start node: " + e.getMessage(), e);
    }
    stdin = process.getOutputStream();
    Thread reader = new Thread(this::readLoop, "js-script-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      readyMessage = ready.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new JsUnavailableException(script + " did not start within 30 s: " + e + "\n--- stderr (" + log + ") ---\n"
          + stderr());
    }
  }

  /** What the script printed when ready. */
  public JsonNode ready() {
    return readyMessage;
  }

  private void readLoop() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          continue;
        }
        if ("ready".equals(n.path("event").asText())) {
          ready.complete(n);
        } else if (n.has("id") && !n.get("id").isNull()) {
          CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
          if (f != null) {
            f.complete(n);
          }
        }
      }
    } catch (IOException e) {
      // gone
    }
    IllegalStateException gone = new IllegalStateException("the js script exited\n--- stderr ---\n" + stderr());
    ready.completeExceptionally(gone);
    pending.values().forEach(f -> f.completeExceptionally(gone));
  }

  /** Runs a command; fails with the js error and stack when the script reports one. */
  public JsonNode call(String command, Map<String, Object> args, Duration timeout) {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.valueToTree(args);
    msg.put("id", id);
    msg.put("cmd", command);
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    try {
      synchronized (stdin) {
        stdin.write((JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      }
      JsonNode answer = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!answer.path("ok").asBoolean()) {
        throw new AssertionError("js '" + command + "' " + args + " failed:\n" + answer.path("error").asText());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the js script", e);
    } catch (TimeoutException e) {
      throw new AssertionError("js did not answer '" + command + "' within " + timeout.toSeconds() + " s; stderr:\n"
          + stderr());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("js: " + e.getCause().getMessage());
    } finally {
      pending.remove(id);
    }
  }

  public JsonNode call(String command, Map<String, Object> args) {
    return call(command, args, Duration.ofSeconds(30));
  }

  public String stderr() {
    try {
      String s = Files.exists(log) ? Files.readString(log) : "";
      return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  @Override
  public void close() {
    try {
      call("stop", Map.of(), Duration.ofSeconds(5));
    } catch (RuntimeException | AssertionError e) {
      // stopping anyway
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
