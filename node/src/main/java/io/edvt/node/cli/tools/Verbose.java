package io.edvt.node.cli.tools;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** What {@code --verbose} (an option of the root command, inherited by every command) adds: notes on stderr. */
final class Verbose {
  private final boolean on;
  private final PrintWriter err;

  private Verbose(boolean on, PrintWriter err) {
    this.on = on;
    this.err = err;
  }

  /** The verbosity of the command {@code spec} runs in: {@code --verbose} given at its level or any parent's. */
  static Verbose of(CommandSpec spec) {
    boolean on = false;
    for (CommandSpec s = spec; s != null && !on; s = s.parent()) {
      ParseResult parsed = s.commandLine().getParseResult();
      on = parsed != null && parsed.hasMatchedOption("--verbose");
    }
    return new Verbose(on, spec.commandLine().getErr());
  }

  /** Prints {@code note} on stderr under {@code --verbose}. */
  void note(String note) {
    if (on) {
      err.println(note);
    }
  }
}
