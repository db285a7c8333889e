package io.edvt.node.api;

import java.util.List;
import java.util.Objects;

/**
 * How the API server listens and whom it answers.
 *
 * @param networkInterface the address to bind ({@code 127.0.0.1} to stay local, {@code 0.0.0.0} for all)
 * @param port the TCP port; 0 binds an ephemeral one (tests), read back with {@link ApiServer#port()}
 * @param hostAllowlist the host names a request's {@code Host} header may carry (Teku's
 *     {@code --rest-api-host-allowlist}); {@code *} allows any; others get 403. The check defends a
 *     local node against DNS rebinding, where a web page's name resolves to 127.0.0.1.
 * @param corsOrigins the origins browsers may call from ({@code *} = any); empty disables CORS
 * @param docsEnabled whether the OpenAPI description is served at {@link OpenApiDocument#PATH}
 * @param maxRequestBytes the largest request body accepted (413 above it)
 */
public record ApiConfig(String networkInterface, int port, List<String> hostAllowlist, List<String> corsOrigins,
    boolean docsEnabled, long maxRequestBytes) {
  /** Teku's default: local callers only. */
  public static final List<String> DEFAULT_HOST_ALLOWLIST = List.of("127.0.0.1", "localhost");
  /** Large enough for a pool submission of a full block's worth of attestations, small enough to refuse floods. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

  public ApiConfig {
    Objects.requireNonNull(networkInterface, "networkInterface");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
    }
    hostAllowlist = List.copyOf(hostAllowlist);
    corsOrigins = List.copyOf(corsOrigins);
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
    }
  }

  /** Loopback on {@code port}, the default allowlist, no CORS, no docs. */
  public static ApiConfig local(int port) {
    return new ApiConfig("127.0.0.1", port, DEFAULT_HOST_ALLOWLIST, List.of(), false, DEFAULT_MAX_REQUEST_BYTES);
  }

  public ApiConfig withHostAllowlist(List<String> hosts) {
    return new ApiConfig(networkInterface, port, hosts, corsOrigins, docsEnabled, maxRequestBytes);
  }

  public ApiConfig withCorsOrigins(List<String> origins) {
    return new ApiConfig(networkInterface, port, hostAllowlist, origins, docsEnabled, maxRequestBytes);
  }

  public ApiConfig withDocsEnabled(boolean enabled) {
    return new ApiConfig(networkInterface, port, hostAllowlist, corsOrigins, enabled, maxRequestBytes);
  }

  public ApiConfig withMaxRequestBytes(long bytes) {
    return new ApiConfig(networkInterface, port, hostAllowlist, corsOrigins, docsEnabled, bytes);
  }
}
