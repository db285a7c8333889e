package io.edvt.networking.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.multiaddr.Multiaddr;
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
 * A running js-libp2p 3 node ({@code src/test/js/peer.mjs}), driven over its stdin/stdout with
 * one JSON object per line. Its stderr goes to {@code target/js/peer-<n>.log}.
 */
public final class JsPeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final OutputStream stdin;
  private final Path log;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final PeerId peerId;
  private final Multiaddr address;

  private JsPeer(String script, List<String> args) {
    Path dir = JsInstall.dir();
    log = dir.resolve("peer-" + COUNT.incrementAndGet() + ".log");
    List<String> cmd = new ArrayList<>(List.of("node", "--require", "./polyfill.cjs", script));
    cmd.addAll(args);
    try {
      process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw new JsUnavailableException("cannot start node: " + e.getMessage(), e);
    }
    stdin = process.getOutputStream();
    Thread reader = new Thread(this::readLoop, "js-peer-stdout");
    reader.setDaemon(true);
    reader.start();
    JsonNode r;
    try {
      r = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new JsUnavailableException("the js peer did not start within " + START_TIMEOUT.toSeconds() + " s: " + e
          + "\n--- its stderr (" + log + ") ---\n" + stderr());
    }
    peerId = PeerId.fromBase58(r.get("peerId").asText());
    address = Multiaddr.parse(r.get("addrs").get(0).asText());
  }

  /** Starts a peer with these muxers in order of preference ({@code yamux}, {@code mplex}) and key type. */
  public static JsPeer start(List<String> muxers, String keyType) {
    return new JsPeer("peer.mjs", List.of("--muxers", String.join(",", muxers), "--key", keyType));
  }

  /** Starts another script of {@code src/test/js} that speaks the same line protocol (e.g. {@code gossip-peer.mjs}). */
  public static JsPeer startScript(String script, List<String> args) {
    return new JsPeer(script, args);
  }

  public PeerId peerId() {
    return peerId;
  }

  /** Its listen address, with /p2p. */
  public Multiaddr address() {
    return address;
  }

  private void readLoop() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          continue; // a library printing to stdout; not ours
        }
        if (n.has("event") && "ready".equals(n.get("event").asText())) {
          ready.complete(n);
        } else if (n.has("id") && !n.get("id").isNull()) {
          CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
          if (f != null) {
            f.complete(n);
          }
        }
      }
    } catch (IOException e) {
      // process gone
    }
    String why = "the js peer exited (status " + (process.isAlive() ? "?" : process.exitValue()) + ")\n--- stderr ---\n" + stderr();
    ready.completeExceptionally(new IllegalStateException(why));
    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
  }

  /**
   * Runs one command and returns its answer.
   *
   * @throws AssertionError if the js side failed (with its stack) or did not answer in time
   */
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
        throw new AssertionError("js peer failed '" + command + "' " + args + ":\n" + answer.path("error").asText());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the js peer", e);
    } catch (TimeoutException e) {
      throw new AssertionError("js peer did not answer '" + command + "' within " + timeout.toSeconds() + " s; stderr:\n"
          + stderr());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("js peer: " + e.getCause().getMessage());
    } finally {
      pending.remove(id);
    }
  }

  public JsonNode call(String command, Map<String, Object> args) {
    return call(command, args, Duration.ofSeconds(60));
  }

  private String stderr() {
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
