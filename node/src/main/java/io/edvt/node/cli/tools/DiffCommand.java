package io.edvt.node.cli.tools;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszDiff;
import io.edvt.infrastructure.ssz.SszDiff.Difference;
import io.edvt.node.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edvt diff}: the field-level differences of two states (or two values of another
 * container type), through {@link SszDiff}. Exits like {@code diff(1)}: 0 when equal, 1 when they
 * differ.
 */
@Command(name = "diff",
    description = {
      "Print the field-level differences of two states (or other SSZ containers): one line per changed field or list element.",
      "Exits with 0 when they are equal and 1 when they differ. The two may be of different forks (fields are matched by name)."
    })
public final class DiffCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private NetworkOptions network;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "BeaconState",
      description = "The SSZ container type of both files (default: ${DEFAULT-VALUE}).")
  private String typeName;

  @Option(names = "--max-per-list", paramLabel = "N", defaultValue = "10",
      description = "List at most N differing elements of one list, then their count (default: ${DEFAULT-VALUE}).")
  private int maxPerList;

  @Option(names = "--snappy", description = "Both files are snappy block-compressed, whatever their names.")
  private boolean snappy;

  @Parameters(index = "0", paramLabel = "A", description = "The first value (.ssz or .ssz_snappy).")
  private Path left;

  @Parameters(index = "1", paramLabel = "B", description = "The second value.")
  private Path right;

  @Override
  public Integer call() {
    Decoded<?> a = read(left);
    Decoded<?> b = read(right);
    if (!(a.value() instanceof SszContainer ca) || !(b.value() instanceof SszContainer cb)) {
      throw new ParameterException(spec.commandLine(), "--type " + typeName + ": not a container type");
    }
    List<Difference> differences = SszDiff.of(ca, cb, Math.max(1, maxPerList));
    PrintWriter out = spec.commandLine().getOut();
    if (!a.network().label().equals(b.network().label())) {
      out.println("# " + left + " is " + a.network().label() + ", " + right + " is " + b.network().label());
    }
    Set<String> fields = new LinkedHashSet<>();
    for (Difference d : differences) {
      out.println(d);
      fields.add(d.path().split("[.\\[ ]", 2)[0]);
    }
    if (differences.isEmpty()) {
      out.println("no differences");
      return ExitCodes.OK;
    }
    out.println("# " + fields.size() + (fields.size() == 1 ? " field differs: " : " fields differ: ") + String.join(", ", fields));
    return ExitCodes.FAILED;
  }

  private Decoded<?> read(Path file) {
    return TypedReader.decode(file.toString(), SszFiles.readSsz("", file, snappy), typeName, network);
  }
}
