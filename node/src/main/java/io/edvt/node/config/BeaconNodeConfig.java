package io.edvt.node.config;

import io.edvt.node.execution.EngineConfig;
import java.util.Objects;

/**
 * Everything {@code edvt beacon-node} was told, resolved and checked: one immutable record per
 * concern, so the module that wires a concern takes only its own part.
 *
 * @param network the chain: spec config and genesis state
 * @param data where the node keeps its database and how much history
 * @param p2p the libp2p host, discovery and peer limits
 * @param restApi the beacon REST API server
 * @param metrics the Prometheus endpoint
 * @param executionEngine the execution client (or the embedded engine when none is given)
 * @param checkpointSync where to start from instead of genesis
 * @param logging log level and destination
 * @param validator the validator client run inside the beacon node
 */
public record BeaconNodeConfig(
    NetworkConfig network,
    DataConfig data,
    P2pConfig p2p,
    RestApiConfig restApi,
    MetricsConfig metrics,
    EngineConfig executionEngine,
    CheckpointSyncConfig checkpointSync,
    LoggingConfig logging,
    ValidatorConfig validator) {
  public BeaconNodeConfig {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(p2p, "p2p");
    Objects.requireNonNull(restApi, "restApi");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(executionEngine, "executionEngine");
    Objects.requireNonNull(checkpointSync, "checkpointSync");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(validator, "validator");
  }
}
