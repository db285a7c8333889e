package io.edvt.node.logging;

import io.edvt.node.config.LoggingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Applies {@code --logging} and {@code --log-destination} to java.util.logging, which the node's
 * {@link System.Logger}s (and the discovery library, through log4j-to-jul) log to: the root
 * logger's level and handlers. CUSTOM leaves the JVM's own logging configuration alone.
 */
public final class LogSetup {
  private LogSetup() {}

  /** Applies {@code config} to the JVM's root logger, the console being standard output. */
  public static List<Handler> apply(LoggingConfig config) {
    return apply(config, Logger.getLogger(""), System.out);
  }

  /**
   * Applies {@code config} to {@code root}: its handlers are replaced by a console handler on
   * {@code console} and/or a file handler, as the destination says.
   *
   * @return the handlers installed
   */
  public static List<Handler> apply(LoggingConfig config, Logger root, OutputStream console) {
    if (config.destination() == LogDestination.CUSTOM) {
      return List.of();
    }
    Level level = config.level().julLevel();
    for (Handler old : root.getHandlers()) {
      root.removeHandler(old);
      old.close();
    }
    root.setLevel(level);
    quietLibraries(level);
    boolean stackTraces = level.intValue() <= Level.FINE.intValue();
    List<Handler> installed = new ArrayList<>();
    if (config.destination().writesConsole()) {
      Handler handler = new AutoFlushingHandler(console, new OneLineFormatter(stackTraces));
      // DEFAULT_BOTH keeps the console at INFO and above; the detail goes to the file
      handler.setLevel(config.destination() == LogDestination.DEFAULT_BOTH && level.intValue() < Level.INFO.intValue()
          ? Level.INFO : level);
      installed.add(handler);
    }
    config.fileIfUsed().ifPresent(file -> {
      Handler handler = fileHandler(file, stackTraces);
      handler.setLevel(level);
      installed.add(handler);
    });
    installed.forEach(root::addHandler);
    return installed;
  }

  /** Loggers kept by name, since java.util.logging holds them weakly and would drop their levels. */
  private static final List<Logger> QUIETED = new ArrayList<>();

  /**
   * The web server's and discovery's start-up chatter (Jetty's connectors, Javalin's banner,
   * discv5's UDP server) is at INFO; at INFO the node's story should be the chain's, so those
   * libraries log warnings only unless DEBUG or finer is asked for.
   */
  private static synchronized void quietLibraries(Level level) {
    Level libraries = level.intValue() <= Level.FINE.intValue() ? level : Level.WARNING;
    for (String name : List.of("org.eclipse.jetty", "io.javalin", "org.ethereum.beacon.discovery", "io.netty")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(libraries);
      QUIETED.add(logger);
    }
  }

  private static Handler fileHandler(Path file, boolean stackTraces) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // one file, appended to (a restart keeps the history), at exactly the path given: JUL's own
      // rotation would rename it to edvt.log.0; rotating is left to the system (logrotate)
      FileHandler handler = new FileHandler(file.toString().replace("%", "%%"), 0, 1, true);
      handler.setFormatter(new OneLineFormatter(stackTraces));
      return handler;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A console handler on any stream that flushes each record, so a log line is not held back in a buffer. */
  private static final class AutoFlushingHandler extends StreamHandler {
    AutoFlushingHandler(OutputStream out, OneLineFormatter formatter) {
      super(out, formatter);
    }

    @Override
    public synchronized void publish(java.util.logging.LogRecord record) {
      super.publish(record);
      flush();
    }

    @Override
    public synchronized void close() {
      flush(); // never close the console stream itself
    }
  }
}
