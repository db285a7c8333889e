package io.edvt.node.cli;

import io.edvt.node.cli.beacon.BeaconNodeCommand;
import io.edvt.node.cli.tools.DiffCommand;
import io.edvt.node.cli.tools.RewardsCommand;
import io.edvt.node.cli.tools.SkipSlotsCommand;
import io.edvt.node.cli.tools.SszCommand;
import io.edvt.node.cli.tools.TransitionCommand;
import io.edvt.node.config.BeaconNodeLauncher;
import io.edvt.node.wiring.NodeLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
      "  2   usage error or bad input: a flag, a missing file, bytes of the wrong type, a bad network config",
      "  70  internal error (a bug; --verbose prints the stack trace)"
    },
    subcommands = {
      BeaconNodeCommand.class,
      io.edvt.node.cli.beacon.ValidatorClientCommand.class,
      SszCommand.class,
      TransitionCommand.class,
      SkipSlotsCommand.class,
      DiffCommand.class,
      RewardsCommand.class,
      SlashingProtectionCommand.class,
      GenesisCommand.class,
      DevnetCommand.class,
      io.edvt.node.cli.group.GroupCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EdvtCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print what the command detected and did, and the stack trace of an internal error.")
  private boolean verbose;

  /** The command line of {@code edvt} with its error reporting set up; {@code beacon-node} runs a node. */
  public static CommandLine commandLine() {
    return commandLine(new NodeLauncher());
  }

  /** The command line of {@code edvt} whose {@code beacon-node} hands its configuration to {@code launcher}. */
  public static CommandLine commandLine(BeaconNodeLauncher launcher) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == BeaconNodeCommand.class ? cls.cast(new BeaconNodeCommand(launcher)) : CommandLine.defaultFactory().create(cls);
      }
    };
    CommandLine commandLine = new CommandLine(new EdvtCommand(), factory);
    BeaconNodeCommand.configure(commandLine.getSubcommands().get("beacon-node"));
    io.edvt.node.cli.beacon.ValidatorClientCommand.configure(commandLine.getSubcommands().get("validator-client"));
    ErrorReporter reporter = new ErrorReporter();
    commandLine.setParameterExceptionHandler(reporter);
    commandLine.setExecutionExceptionHandler(reporter);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "name a command: beacon-node, ssz, transition, skip-slots, diff, rewards, slashing-protection, genesis, devnet or group");
  }
}
