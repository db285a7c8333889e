package io.edvt.node.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One {@code edvt beacon-node} child process of the devnet: its ports, its folder (data under
 * {@code data/}, the process's output in {@code node.log}) and, once started, the process.
 */
final class NodeProcess {
  final int index;
  final String name;
  final int restPort;
  final int p2pPort;
  final Path dir;
  private volatile Process process;
  private volatile long diedAtSlot = -1;
  /** The process killed by a {@code --kill}: its exit is no death to report. */
  private volatile Process killed;
  private final List<Long> killedAt = new CopyOnWriteArrayList<>();
  private final List<Long> restartedAt = new CopyOnWriteArrayList<>();
  private final List<Long> answeringAgainAt = new CopyOnWriteArrayList<>();

  NodeProcess(int index, int restPort, int p2pPort, Path dir) {
    this.index = index;
    this.name = "node-" + index;
    this.restPort = restPort;
    this.p2pPort = p2pPort;
    this.dir = dir;
  }

  Path log() {
    return dir.resolve("node.log");
  }

  Path data() {
    return dir.resolve("data");
  }

  void start(List<String> command) {
    try {
      Files.createDirectories(dir);
      // appended: a restarted node's log follows its first life's
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + name + ": " + e.getMessage(), e);
    }
  }

  Process process() {
    return process;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  OptionalInt exitCode() {
    return process != null && !process.isAlive() ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
  }

  void markDied(long slot) {
    diedAtSlot = slot;
  }

  long diedAtSlot() {
    return diedAtSlot;
  }

  /** The last non-blank line of the node's log, for a death report. */
  String lastLogLine() {
    try {
      List<String> lines = Files.readAllLines(log()).stream().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1).strip();
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL now (a {@code --kill}), waiting until the process is gone; {@code slot} is recorded. */
  void kill(long slot) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    killed = p;
    killedAt.add(slot);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether {@code p} ended by a {@code --kill}. */
  boolean killedOnPurpose(Process p) {
    return p == killed;
  }

  void restarted(long slot) {
    restartedAt.add(slot);
  }

  void answeringAgain(long slot) {
    answeringAgainAt.add(slot);
  }

  List<Long> killedAt() {
    return List.copyOf(killedAt);
  }

  List<Long> restartedAt() {
    return List.copyOf(restartedAt);
  }

  /** Per restart, the slot its Beacon API answered again. */
  List<Long> answeringAgainAt() {
    return List.copyOf(answeringAgainAt);
  }

  /** SIGTERM (the node closes its database), then SIGKILL after {@code graceMillis}. */
  void stop(long graceMillis) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
