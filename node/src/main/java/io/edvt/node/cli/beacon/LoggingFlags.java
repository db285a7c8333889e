package io.edvt.node.cli.beacon;

import io.edvt.node.config.DataConfig;
import io.edvt.node.config.LoggingConfig;
import io.edvt.node.logging.LogDestination;
import io.edvt.node.logging.LogLevel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --logging}, {@code --log-destination}, {@code --log-file}. */
final class LoggingFlags {
  @Option(names = {"-l", "--logging"}, paramLabel = "<LEVEL>",
      description = "Log level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  LogLevel level = LogLevel.INFO;

  @Option(names = "--log-destination", paramLabel = "<DESTINATION>",
      description = "Where logs go: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: the file at the level, the "
          + "console at INFO and above; CUSTOM: as -Djava.util.logging.config.file sets it up).")
  LogDestination destination = LogDestination.DEFAULT_BOTH;

  @Option(names = "--log-file", paramLabel = "<FILENAME>",
      description = "The log file (default: <data-path>/logs/edvt.log).")
  Path logFile;

  LoggingConfig toConfig(DataConfig data) {
    return new LoggingConfig(level, destination, logFile != null ? logFile : data.logDirectory().resolve("edvt.log"));
  }
}
