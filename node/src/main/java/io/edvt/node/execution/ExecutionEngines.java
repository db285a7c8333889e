package io.edvt.node.execution;

import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.execution.http.HttpEngineApi;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import io.edvt.node.execution.json.EngineJson;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.net.URI;
import java.time.InstantSource;
import java.util.Locale;

/** Makes the {@link EngineApi} an {@link EngineConfig} asks for. */
public final class ExecutionEngines {
  private ExecutionEngines() {}

  /**
   * The Engine API of {@code config}: an execution client over HTTP, or the embedded engine
   * anchored at {@code anchor} (the {@code latest_execution_payload_header} of the node's genesis
   * or checkpoint state).
   *
   * @param maxBlobsPerBlock the fork's maximum at the anchor ({@code get_blob_parameters}), which bounds
   *     the embedded engine's blobs per block
   * @throws IllegalArgumentException naming the flag, for an endpoint without a JWT secret (or the
   *     reverse), an endpoint that is not an http(s) URL, an unreadable or malformed secret, or
   *     embedded blobs per block above {@code maxBlobsPerBlock} or with an endpoint
   */
  public static EngineApi create(EngineConfig config, SchemaDefinitionsFulu schemas, ExecutionPayloadHeader anchor,
      int maxBlobsPerBlock) {
    if (config.endpoint().isEmpty()) {
      if (config.jwtSecretFile().isPresent()) {
        throw new IllegalArgumentException(
            "--ee-jwt-secret-file is only used with --ee-endpoint; without an endpoint the node runs its embedded engine");
      }
      if (config.embeddedBlobsPerBlock() > maxBlobsPerBlock) {
        throw new IllegalArgumentException("--Xembedded-engine-blobs-per-block " + config.embeddedBlobsPerBlock()
            + ": at most the fork's max blobs per block, " + maxBlobsPerBlock);
      }
      return new EmbeddedEngine(schemas, anchor, config.embeddedBlobsPerBlock());
    }
    if (config.embeddedBlobsPerBlock() > 0) {
      throw new IllegalArgumentException("--Xembedded-engine-blobs-per-block is for the embedded engine; the execution client at "
          + config.endpoint().get() + " chooses its own blobs");
    }
    URI endpoint = config.endpoint().get();
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw new IllegalArgumentException("--ee-endpoint " + endpoint + ": expected an http:// or https:// URL such as http://127.0.0.1:8551");
    }
    if (config.jwtSecretFile().isEmpty()) {
      throw new IllegalArgumentException("--ee-endpoint " + endpoint
          + " needs --ee-jwt-secret-file: the Engine API accepts only JWT-authenticated requests");
    }
    JwtSecret secret;
    try {
      secret = JwtSecret.read(config.jwtSecretFile().get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ee-jwt-secret-file " + e.getMessage(), e);
    }
    return new HttpEngineApi(endpoint, new JwtTokens(secret, InstantSource.system()), new EngineJson(schemas));
  }
}
