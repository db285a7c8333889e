package io.edvt.node.cli.beacon;

import io.edvt.node.cli.Cli;
import io.edvt.node.cli.EdvtCommand;
import io.edvt.node.config.BeaconNodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/**
 * Runs {@code edvt <args>} in-process through picocli, as {@code EdvtMain} does, with a launcher
 * that records the configuration it is handed instead of starting a node.
 */
final class BeaconNodeCli {
  /** What one run printed and returned, and the configuration the launcher got (empty if it was not called). */
  record Run(Cli.Result result, Optional<BeaconNodeConfig> config) {
    BeaconNodeConfig launched() {
      return config.orElseThrow(() -> new AssertionError("the launcher was not called: " + result));
    }
  }

  private BeaconNodeCli() {}

  static Run run(Object... args) {
    AtomicReference<BeaconNodeConfig> launched = new AtomicReference<>();
    CommandLine commandLine = EdvtCommand.commandLine((config, out, err) -> {
      launched.set(config);
      return 0;
    });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    return new Run(new Cli.Result(code, out.toString(), err.toString()), Optional.ofNullable(launched.get()));
  }
}
