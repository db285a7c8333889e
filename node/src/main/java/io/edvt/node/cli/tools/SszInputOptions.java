package io.edvt.node.cli.tools;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code ssz root} and {@code ssz decode} read: {@code --type}, the networks, and one SSZ file. */
final class SszInputOptions {
  @Option(names = "--type", required = true, paramLabel = "TYPE",
      description = "The SSZ type by its spec name (BeaconState, SignedBeaconBlock, Group, ...; 'edvt ssz types' lists them).")
  String typeName;

  @Mixin NetworkOptions network;

  @Option(names = "--snappy", description = "The file is snappy block-compressed (implied by a .ssz_snappy name).")
  boolean snappy;

  @Parameters(index = "0", paramLabel = "FILE", description = "SSZ file (.ssz, or .ssz_snappy as in consensus-spec-tests).")
  Path file;

  /** The file's value, decoded on the one network it fits. */
  Decoded<?> decode() {
    byte[] bytes = SszFiles.readSsz("", file, snappy);
    return TypedReader.decode(file.toString(), bytes, typeName, network);
  }
}
