package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code edvt beacon-node} processes for the process tests: started from the jar the package phase
 * builds, as {@code ./edvt beacon-node} runs it, each with its own log file in {@code logs}; their
 * API polled until it says what a test waits for; all killed at {@link #close()}.
 */
final class NodeProcesses implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("edvt.jar", "target/edvt.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path logs;
  private final List<Process> processes = new ArrayList<>();

  NodeProcesses(Path logs) {
    this.logs = logs;
  }

  /** One running (or ended) node process and the REST port it was given. */
  static final class Node {
    final String name;
    final int restPort;
    final Process process;
    final Path log;

    Node(String name, int restPort, Process process, Path log) {
      this.name = name;
      this.restPort = restPort;
      this.process = process;
      this.log = log;
    }
  }

  /** Starts {@code edvt beacon-node} with {@code args} (which must include {@code --rest-api-port=restPort}). */
  Node start(String name, int restPort, List<String> args) throws IOException {
    return start(name, restPort, "beacon-node", args);
  }

  /** Starts {@code edvt <command>} with {@code args}; {@code restPort} is the API port it serves, or 0 for none. */
  Node start(String name, int restPort, String subcommand, List<String> args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // as ./edvt beacon-node passes it: Netty's Unsafe use
    }
    command.addAll(List.of("-jar", JAR.toString(), subcommand));
    command.addAll(args);
    Path log = logs.resolve(name + "-" + processes.size() + ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    return new Node(name, restPort, p, log);
  }

  /** Polls {@code path} until it answers 200 with a body {@code done} accepts; fails with the log if the process exits. */
  JsonNode await(Node node, String path, Predicate<JsonNode> done, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!node.process.isAlive()) {
        fail(node.name + " exited with " + node.process.exitValue() + "; log: " + Files.readString(node.log));
      }
      try {
        HttpResponse<String> r = get(node, path);
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          JsonNode json = JSON.readTree(r.body());
          if (done.test(json)) {
            return json;
          }
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    List<String> lines = Files.readAllLines(node.log);
    fail(node.name + " " + path + " not as expected within " + within.toSeconds() + " s; last: " + last + "; log ends: "
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    return null;
  }

  /** {@code GET path} on the node's API. */
  static HttpResponse<String> get(Node node, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.restPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code POST path} with a JSON body on the node's API. */
  static HttpResponse<String> post(Node node, String path, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.restPort + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
