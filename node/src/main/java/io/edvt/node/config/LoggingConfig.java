package io.edvt.node.config;

import io.edvt.node.logging.LogDestination;
import io.edvt.node.logging.LogLevel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How much the node logs and where.
 *
 * @param level {@code --logging}: the root level (default INFO)
 * @param destination {@code --log-destination}
 * @param logFile {@code --log-file}: the log file (default {@code <data-path>/logs/edvt.log})
 */
public record LoggingConfig(LogLevel level, LogDestination destination, Path logFile) {
  public LoggingConfig {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(logFile, "logFile");
  }

  /** The log file, when the destination writes one. */
  public Optional<Path> fileIfUsed() {
    return destination.writesFile() ? Optional.of(logFile) : Optional.empty();
  }
}
