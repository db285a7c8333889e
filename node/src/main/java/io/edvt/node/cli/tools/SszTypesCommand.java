package io.edvt.node.cli.tools;

import java.io.PrintWriter;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edvt ssz types}: the names {@code --type} takes. */
@Command(name = "types", description = "List the SSZ type names of each fork (what --type takes).")
public final class SszTypesCommand implements Runnable {
  @Spec private CommandSpec spec;
  @Mixin private NetworkOptions network;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    TreeSet<String> seen = new TreeSet<>();
    for (Network n : network.candidates()) {
      String fork = n.fork().forkName();
      if (seen.add(fork)) {
        out.println(fork + ": " + String.join(" ", new TreeSet<>(n.schemas().typesByName().keySet())));
      }
    }
  }
}
