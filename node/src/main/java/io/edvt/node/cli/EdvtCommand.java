package io.edvt.node.cli;

import io.edvt.node.cli.tools.DiffCommand;
import io.edvt.node.cli.tools.RewardsCommand;
import io.edvt.node.cli.tools.SkipSlotsCommand;
import io.edvt.node.cli.tools.SszCommand;
import io.edvt.node.cli.tools.TransitionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code edvt}. Each tool (and, later, the beacon node) is a subcommand; this
 * class only names them and gives them the options they all share: {@code --help},
 * {@code --version} and {@code --verbose}.
 */
@Command(
    name = "edvt",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = EdvtVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "EDVT, an Ethereum consensus client with enshrined distributed validators (forks fulu and edvt).",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0   done",
      "  1   failed on valid input: a block was rejected (diff: the values differ)",
      "  2   usage error or bad input: a flag, a missing file, bytes of the wrong type",
      "  70  internal error (a bug; --verbose prints the stack trace)"
    },
    subcommands = {
      SszCommand.class,
      TransitionCommand.class,
      SkipSlotsCommand.class,
      DiffCommand.class,
      RewardsCommand.class,
      SlashingProtectionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EdvtCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print what the command detected and did, and the stack trace of an internal error.")
  private boolean verbose;

  /** The command line of {@code edvt} with its error reporting set up. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new EdvtCommand());
    ErrorReporter reporter = new ErrorReporter();
    commandLine.setParameterExceptionHandler(reporter);
    commandLine.setExecutionExceptionHandler(reporter);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: ssz, transition, skip-slots, diff, rewards or slashing-protection");
  }
}
