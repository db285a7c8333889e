package io.edvt.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LogSetup on a logger of its own (not the JVM's root), with the console captured. */
class LogSetupTest {
  @TempDir Path tmp;
  private final Logger root = Logger.getAnonymousLogger();
  private final Logger child = Logger.getAnonymousLogger();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  LogSetupTest() {
    root.setUseParentHandlers(false);
    child.setParent(root);
  }

  @AfterEach
  void closeHandlers() {
    for (Handler h : root.getHandlers()) {
      h.close();
    }
  }

  private List<String> consoleLines() {
    return console.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void consoleAtWarnShowsWarningsAndErrorsOnlyOneLineEach() {
    LogSetup.apply(new LoggingConfig(LogLevel.WARN, LogDestination.CONSOLE, tmp.resolve("unused.log")), root, console);
    child.info("slot 5 imported");
    child.warning("peer 16Uiu2 sent a bad block\nsecond line");
    child.log(Level.SEVERE, "engine offline", new IllegalStateException("connection refused"));
    assertThat(consoleLines()).hasSize(2);
    assertThat(consoleLines().get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  root - peer 16Uiu2 sent a bad "
        + "block second line");
    assertThat(consoleLines().get(1)).endsWith("ERROR root - engine offline (java.lang.IllegalStateException: connection refused)");
    assertThat(tmp.resolve("unused.log")).doesNotExist();
  }

  @Test
  void defaultBothKeepsTheConsoleAtInfoAndPutsTheDetailInTheFile() throws Exception {
    Path file = tmp.resolve("logs/edvt.log");
    LogSetup.apply(new LoggingConfig(LogLevel.DEBUG, LogDestination.DEFAULT_BOTH, file), root, console);
    child.fine("dialing 10.0.0.2");
    child.info("slot 5 imported");
    closeHandlers();
    assertThat(consoleLines()).singleElement().asString().endsWith("INFO  root - slot 5 imported");
    List<String> fileLines = Files.readAllLines(file);
    assertThat(fileLines).hasSize(2);
    assertThat(fileLines.get(0)).endsWith("DEBUG root - dialing 10.0.0.2");
  }

  @Test
  void fileOnlyWritesNothingToTheConsoleAndOffSilencesEverything() throws Exception {
    Path file = tmp.resolve("edvt.log");
    LogSetup.apply(new LoggingConfig(LogLevel.TRACE, LogDestination.FILE, file), root, console);
    child.finest("frame bytes");
    closeHandlers();
    assertThat(console.size()).isZero();
    assertThat(Files.readAllLines(file)).singleElement().asString().endsWith("TRACE root - frame bytes");

    LogSetup.apply(new LoggingConfig(LogLevel.OFF, LogDestination.BOTH, tmp.resolve("off.log")), root, console);
    child.severe("not shown");
    closeHandlers();
    assertThat(console.size()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("off.log"))).isEmpty();
  }

  @Test
  void customLeavesTheLoggersAsTheyAre() {
    Handler existing = new java.util.logging.ConsoleHandler();
    root.addHandler(existing);
    root.setLevel(Level.CONFIG);
    assertThat(LogSetup.apply(new LoggingConfig(LogLevel.ERROR, LogDestination.CUSTOM, tmp.resolve("x.log")), root, console))
        .isEmpty();
    assertThat(root.getHandlers()).containsExactly(existing);
    assertThat(root.getLevel()).isEqualTo(Level.CONFIG);
  }
}
