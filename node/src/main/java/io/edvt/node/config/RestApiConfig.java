package io.edvt.node.config;

import java.util.List;

/**
 * The beacon REST API server.
 *
 * @param enabled {@code --rest-api-enabled}
 * @param docsEnabled {@code --rest-api-docs-enabled}: serve the OpenAPI document and a viewer
 * @param interfaceAddress {@code --rest-api-interface}: address to listen on
 * @param port {@code --rest-api-port}
 * @param hostAllowlist {@code --rest-api-host-allowlist}: Host header values answered ({@code *}:
 *     any); others get 403
 * @param corsOrigins {@code --rest-api-cors-origins}: origins allowed cross-origin requests
 */
public record RestApiConfig(
    boolean enabled, boolean docsEnabled, String interfaceAddress, int port, List<String> hostAllowlist,
    List<String> corsOrigins) {
  public RestApiConfig {
    hostAllowlist = List.copyOf(hostAllowlist);
    corsOrigins = List.copyOf(corsOrigins);
  }
}
