package io.edvt.node.cli.beacon;

import io.edvt.node.config.MetricsConfig;
import io.edvt.node.metrics.MetricCategory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code --metrics-*}. */
final class MetricsFlags {
  static final int DEFAULT_PORT = 8008;

  @Option(names = "--metrics-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Serve Prometheus metrics.")
  boolean enabled;

  @Option(names = "--metrics-interface", paramLabel = "<NETWORK>", converter = Converters.Interface.class,
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String interfaceAddress = "127.0.0.1";

  @Option(names = "--metrics-port", paramLabel = "<INTEGER>", converter = Converters.Port.class,
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port = DEFAULT_PORT;

  @Option(names = "--metrics-host-allowlist", paramLabel = "<hostname>", split = ",", arity = "0..*",
      description = "Host header values answered, comma-separated, or * for any (default: 127.0.0.1,localhost).")
  List<String> hostAllowlist = new ArrayList<>(List.of("127.0.0.1", "localhost"));

  @Option(names = "--metrics-categories", paramLabel = "<CATEGORY>", split = ",", arity = "0..*",
      description = "Metric categories exported, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
  Set<MetricCategory> categories = EnumSet.allOf(MetricCategory.class);

  MetricsConfig toConfig() {
    return new MetricsConfig(enabled, interfaceAddress, port, hostAllowlist, categories);
  }
}
