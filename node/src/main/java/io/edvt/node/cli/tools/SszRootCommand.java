package io.edvt.node.cli.tools;

import org.apache.tuweni.bytes.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edvt ssz root}: {@code hash_tree_root} of an SSZ value. */
@Command(name = "root", description = "Print hash_tree_root of an SSZ value (0x-prefixed hex).")
public final class SszRootCommand implements Runnable {
  @Spec private CommandSpec spec;
  @Mixin private SszInputOptions input;

  @Override
  public void run() {
    long start = System.nanoTime();
    Decoded<?> decoded = input.decode();
    byte[] root = decoded.root();
    spec.commandLine().getOut().println(Bytes.wrap(root).toHexString());
    Verbose.of(spec).note(input.file + ": " + input.typeName + " of " + decoded.network().label() + ", read and hashed in "
        + Millis.since(start));
  }
}
