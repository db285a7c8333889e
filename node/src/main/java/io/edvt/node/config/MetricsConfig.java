package io.edvt.node.config;

import io.edvt.node.metrics.MetricCategory;
import java.util.List;
import java.util.Set;

/**
 * The Prometheus endpoint.
 *
 * @param enabled {@code --metrics-enabled}
 * @param interfaceAddress {@code --metrics-interface}
 * @param port {@code --metrics-port}
 * @param hostAllowlist {@code --metrics-host-allowlist}: Host header values answered ({@code *}:
 *     any); others get 403
 * @param categories {@code --metrics-categories}: the metric families exported
 */
public record MetricsConfig(
    boolean enabled, String interfaceAddress, int port, List<String> hostAllowlist, Set<MetricCategory> categories) {
  public MetricsConfig {
    hostAllowlist = List.copyOf(hostAllowlist);
    categories = Set.copyOf(categories);
  }
}
