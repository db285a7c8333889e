package io.edvt.node.api;

import io.edvt.spec.edvt.SpecVersions;

/**
 * Everything the Beacon API reads from the node, split by who owns it. The wiring implements it
 * over the chain, the pools and the network; tests implement it over storage. Each part may be
 * called from any of the server's threads at any time, so each must be safe for concurrent reads.
 */
public interface NodeData {
  /** The network's forks, config and schemas (the {@code config} endpoints and every SSZ type). */
  SpecVersions versions();

  /** Blocks, states, checkpoints and fork choice. */
  ChainReader chain();

  /** The operation pools the {@code beacon/pool} endpoints read and submit to. */
  OperationPools pools();

  /** Peers, sync status and this node's network identity. */
  NetworkView network();

  /** What the {@code events} endpoint streams. */
  ChainEvents events();

  /** The validator endpoints' service; empty where the node serves no validator client (the tests' storage-only data). */
  default java.util.Optional<ValidatorService> validators() {
    return java.util.Optional.empty();
  }
}
