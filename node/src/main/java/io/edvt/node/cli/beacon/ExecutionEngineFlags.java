package io.edvt.node.cli.beacon;

import io.edvt.node.execution.EngineConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --ee-*}. */
final class ExecutionEngineFlags {
  @Option(names = "--ee-endpoint", paramLabel = "<NETWORK>", converter = Converters.HttpUrl.class,
      description = "The execution client's Engine API, e.g. http://127.0.0.1:8551 (default: the embedded engine).")
  URI endpoint;

  @Option(names = "--ee-jwt-secret-file", paramLabel = "<FILENAME>",
      description = "The Engine API's JWT secret: 32 bytes in hex.")
  Path jwtSecretFile;

  @Option(names = "--Xembedded-engine-blobs-per-block", paramLabel = "<K>", hidden = true, converter = Converters.Unsigned.class,
      description = "Testing only: each payload of the embedded engine carries K deterministic blobs (at most the fork's "
          + "max blobs per block). Default: 0.")
  long embeddedBlobsPerBlock;

  EngineConfig toConfig(CommandSpec spec) {
    if (endpoint != null && embeddedBlobsPerBlock > 0) {
      throw new ParameterException(spec.commandLine(),
          "--Xembedded-engine-blobs-per-block is for the embedded engine, not the execution client at --ee-endpoint " + endpoint);
    }
    if (embeddedBlobsPerBlock > Integer.MAX_VALUE) {
      throw new ParameterException(spec.commandLine(), "--Xembedded-engine-blobs-per-block " + embeddedBlobsPerBlock + ": too large");
    }
    if (endpoint != null && jwtSecretFile == null) {
      throw new ParameterException(spec.commandLine(),
          "--ee-endpoint " + endpoint + " needs --ee-jwt-secret-file (the Engine API is authenticated)");
    }
    if (endpoint == null && jwtSecretFile != null) {
      throw new ParameterException(spec.commandLine(),
          "--ee-jwt-secret-file " + jwtSecretFile + " without --ee-endpoint: name the execution client it is for");
    }
    return new EngineConfig(Optional.ofNullable(endpoint), Optional.ofNullable(jwtSecretFile), (int) embeddedBlobsPerBlock);
  }
}
