package io.edvt.node.cli.beacon;

import io.edvt.node.config.RestApiConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code --rest-api-*}. */
final class RestApiFlags {
  static final int DEFAULT_PORT = 5051;

  @Option(names = "--rest-api-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Serve the beacon node REST API.")
  boolean enabled;

  @Option(names = "--rest-api-docs-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Serve the API's OpenAPI document.")
  boolean docsEnabled;

  @Option(names = "--rest-api-interface", paramLabel = "<NETWORK>", converter = Converters.Interface.class,
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String interfaceAddress = "127.0.0.1";

  @Option(names = "--rest-api-port", paramLabel = "<INTEGER>", converter = Converters.Port.class,
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port = DEFAULT_PORT;

  @Option(names = "--rest-api-host-allowlist", paramLabel = "<hostname>", split = ",", arity = "0..*",
      description = "Host header values answered, comma-separated, or * for any (default: 127.0.0.1,localhost).")
  List<String> hostAllowlist = new ArrayList<>(List.of("127.0.0.1", "localhost"));

  @Option(names = "--rest-api-cors-origins", paramLabel = "<origin>", split = ",", arity = "0..*",
      description = "Origins allowed cross-origin requests, comma-separated, or * for any (default: none).")
  List<String> corsOrigins = new ArrayList<>();

  RestApiConfig toConfig() {
    return new RestApiConfig(enabled, docsEnabled, interfaceAddress, port, hostAllowlist, corsOrigins);
  }
}
