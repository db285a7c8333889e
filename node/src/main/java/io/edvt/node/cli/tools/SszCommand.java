package io.edvt.node.cli.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edvt ssz}: the SSZ tools, one subcommand each. */
@Command(name = "ssz",
    description = "SSZ values of the fulu and edvt forks: root, decode to YAML/JSON, encode back, list the types.",
    subcommands = {SszRootCommand.class, SszDecodeCommand.class, SszEncodeCommand.class, SszTypesCommand.class})
public final class SszCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: root, decode, encode or types");
  }
}
