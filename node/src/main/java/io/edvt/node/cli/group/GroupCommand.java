package io.edvt.node.cli.group;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edvt group register|exit|change-key}: EDVT's group operations against a running beacon node. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Group operations against a running beacon node: register a group, start an exit or a key change.",
    subcommands = {RegisterCommand.class, ExitCommand.class, ChangeKeyCommand.class})
public final class GroupCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: register, exit or change-key");
  }
}
