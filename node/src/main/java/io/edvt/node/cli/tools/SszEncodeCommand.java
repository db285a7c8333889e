package io.edvt.node.cli.tools;

import io.edvt.infrastructure.ssz.PlainForm;
import io.edvt.infrastructure.ssz.PlainForm.Format;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.node.cli.InputException;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edvt ssz encode}: YAML or JSON (the {@code value.yaml} form) back to SSZ. */
@Command(name = "encode",
    description = "Encode a value written as YAML or JSON (the consensus-spec-tests value.yaml form) to SSZ; prints its root.")
public final class SszEncodeCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Option(names = "--type", required = true, paramLabel = "TYPE",
      description = "The SSZ type by its spec name ('edvt ssz types' lists them).")
  private String typeName;

  @Mixin private NetworkOptions network;

  @Option(names = "--format", paramLabel = "FORMAT", description = "yaml or json (default: from FILE's extension).")
  private Format format;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The SSZ file to write (snappy block-compressed when it ends in .ssz_snappy).")
  private Path out;

  @Option(names = "--snappy", description = "Compress the output with snappy whatever its name.")
  private boolean snappy;

  @Parameters(index = "0", paramLabel = "FILE", description = "YAML or JSON file.")
  private Path file;

  @Override
  @SuppressWarnings("unchecked")
  public void run() {
    byte[] text = SszFiles.read("", file);
    Object plain;
    try {
      plain = PlainForm.read(text, format != null ? format : Format.ofFileName(file.toString()));
    } catch (SszPlainException e) {
      throw new InputException(file + ": " + e.getMessage());
    }
    Decoded<Object> decoded = (Decoded<Object>) TypedReader.fromPlain(file.toString(), plain, typeName, network.candidates());
    SszFiles.writeSsz("--out", out, decoded.type().serialize(decoded.value()), snappy);
    spec.commandLine().getOut().println(Bytes.wrap(decoded.root()).toHexString());
    Verbose.of(spec).note(file + ": " + typeName + " of " + decoded.network().label() + ", written to " + out);
  }
}
