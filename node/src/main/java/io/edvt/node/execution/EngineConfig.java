package io.edvt.node.execution;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which execution engine the node uses: an execution client's Engine API ({@code --ee-endpoint},
 * e.g. {@code http://127.0.0.1:8551}, with the JWT secret file {@code --ee-jwt-secret-file}), or,
 * with neither, the embedded deterministic engine.
 *
 * @param embeddedBlobsPerBlock testing only ({@code --Xembedded-engine-blobs-per-block}): how many
 *     blobs each payload of the embedded engine carries; 0 (the default) for none
 */
public record EngineConfig(Optional<URI> endpoint, Optional<Path> jwtSecretFile, int embeddedBlobsPerBlock) {
  public EngineConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(jwtSecretFile, "jwtSecretFile");
    if (embeddedBlobsPerBlock < 0) {
      throw new IllegalArgumentException("--Xembedded-engine-blobs-per-block " + embeddedBlobsPerBlock + ": must not be negative");
    }
  }

  public EngineConfig(Optional<URI> endpoint, Optional<Path> jwtSecretFile) {
    this(endpoint, jwtSecretFile, 0);
  }

  /** The embedded engine. */
  public static EngineConfig embedded() {
    return new EngineConfig(Optional.empty(), Optional.empty());
  }

  /** The execution client at {@code endpoint}, authenticated with the secret in {@code jwtSecretFile}. */
  public static EngineConfig http(URI endpoint, Path jwtSecretFile) {
    return new EngineConfig(Optional.of(endpoint), Optional.of(jwtSecretFile));
  }
}
