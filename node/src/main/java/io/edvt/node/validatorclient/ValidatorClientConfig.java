package io.edvt.node.validatorclient;

import io.edvt.node.config.DataConfig;
import io.edvt.node.config.LoggingConfig;
import io.edvt.node.config.MetricsConfig;
import io.edvt.node.config.NetworkConfig;
import io.edvt.node.config.ValidatorConfig;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What {@code edvt validator-client} runs with: the network (its spec config; the genesis comes
 * from the beacon node), the data path (slashing protection), metrics, logging, the keys and fee
 * recipient, the graffiti, and the beacon nodes in order of preference.
 */
public record ValidatorClientConfig(NetworkConfig network, DataConfig data, MetricsConfig metrics, LoggingConfig logging,
    ValidatorConfig validator, String graffiti, List<URI> beaconNodes) {
  public ValidatorClientConfig {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(graffiti, "graffiti");
    beaconNodes = List.copyOf(beaconNodes);
  }
}
