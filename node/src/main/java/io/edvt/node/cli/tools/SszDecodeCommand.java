package io.edvt.node.cli.tools;

import io.edvt.infrastructure.ssz.PlainForm;
import io.edvt.infrastructure.ssz.PlainForm.Format;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edvt ssz decode}: an SSZ value as YAML or JSON, in the consensus-spec-tests {@code value.yaml} form. */
@Command(name = "decode",
    description = "Print an SSZ value as YAML (the consensus-spec-tests value.yaml form) or JSON of the same shape.")
public final class SszDecodeCommand implements Runnable {
  @Spec private CommandSpec spec;
  @Mixin private SszInputOptions input;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "yaml or json (default: from the --out extension, else yaml).")
  private Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  private Path out;

  @Override
  @SuppressWarnings("unchecked")
  public void run() {
    Decoded<Object> decoded = (Decoded<Object>) input.decode();
    Format f = format != null ? format : out != null ? Format.ofFileName(out.toString()) : Format.YAML;
    byte[] text = PlainForm.write(decoded.type().toPlain(decoded.value()), f);
    if (out != null) {
      SszFiles.write("--out", out, text);
    } else {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(new String(text, StandardCharsets.UTF_8));
      stdout.flush();
    }
    Verbose.of(spec).note(input.file + ": " + input.typeName + " of " + decoded.network().label());
  }
}
