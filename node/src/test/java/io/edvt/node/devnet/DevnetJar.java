package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the devnet ITs run {@code edvt devnet}: from the packaged jar (the package phase makes it
 * before failsafe runs; {@code -Dedvt.jar} names another), in a child JVM with the flag
 * {@code ./edvt} passes, its output and errors in one file.
 */
final class DevnetJar {
  static final Path JAR = Path.of(System.getProperty("edvt.jar", "target/edvt.jar"));

  private DevnetJar() {}

  /** Starts {@code edvt devnet <args>} with its output in {@code output}; fails the test when the jar is missing. */
  static Process start(Path output, List<String> args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // as ./edvt passes it: Netty's Unsafe use
    }
    command.addAll(List.of("-jar", JAR.toString(), "devnet"));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /** Kills a devnet and every process it started (nodes, execution clients), if it still runs. */
  static void kill(Process devnet) {
    if (devnet != null) {
      devnet.descendants().forEach(ProcessHandle::destroyForcibly);
      devnet.destroyForcibly();
    }
  }
}
