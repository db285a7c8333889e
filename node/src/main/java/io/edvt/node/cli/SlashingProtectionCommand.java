package io.edvt.node.cli;

import io.edvt.node.validator.slashing.Interchange;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.node.validator.slashing.SlashingProtectionException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edvt slashing-protection import|export}: the EIP-3076 interchange of the node's
 * slashing-protection database ({@code <data-path>/slashing-protection/}).
 */
@Command(
    name = "slashing-protection",
    description = "Import or export the validator's slashing-protection history (EIP-3076 interchange format).",
    subcommands = {SlashingProtectionCommand.Import.class, SlashingProtectionCommand.Export.class})
public final class SlashingProtectionCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: import or export");
  }

  /** {@code import}: adds an interchange file's records (either form); creates the database if absent. */
  @Command(name = "import", description = "Add the records of an interchange file to the database (created if absent, for the file's genesis validators root).")
  static final class Import implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--data-path", required = true, description = "The node's data folder.")
    private Path dataPath;

    @Option(names = "--file", required = true, description = "The EIP-3076 interchange JSON to import.")
    private Path file;

    @Override
    public Integer call() {
      try {
        Interchange interchange = Interchange.read(file);
        try (SlashingProtection db = SlashingProtection.open(dataPath, interchange.genesisValidatorsRoot())) {
          db.importInterchange(interchange, file);
          int blocks = interchange.data().stream().mapToInt(k -> k.signedBlocks().size()).sum();
          int attestations = interchange.data().stream().mapToInt(k -> k.signedAttestations().size()).sum();
          spec.commandLine().getOut().printf("Imported %d keys (%d blocks, %d attestations) into %s%n",
              interchange.data().size(), blocks, attestations, db.file());
        }
        return ExitCodes.OK;
      } catch (SlashingProtectionException e) {
        throw new InputException(e.getMessage(), e);
      }
    }
  }

  /** {@code export}: writes the database as an interchange file. */
  @Command(name = "export", description = "Write the database as an interchange file.")
  static final class Export implements Callable<Integer> {
    enum Format { complete, minimal }

    @Spec private CommandSpec spec;

    @Option(names = "--data-path", required = true, description = "The node's data folder.")
    private Path dataPath;

    @Option(names = "--file", required = true, description = "Where to write the interchange JSON.")
    private Path file;

    @Option(names = "--format", defaultValue = "complete",
        description = "complete (every signed message) or minimal (per key the highest block and attestation epochs). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() {
      try (SlashingProtection db = SlashingProtection.openExisting(dataPath)) {
        Interchange interchange = db.export(format == Format.complete);
        interchange.write(file);
        spec.commandLine().getOut().printf("Exported %d keys (%s form) to %s%n", interchange.data().size(), format, file);
        return ExitCodes.OK;
      } catch (SlashingProtectionException e) {
        throw new InputException(e.getMessage(), e);
      }
    }
  }
}
