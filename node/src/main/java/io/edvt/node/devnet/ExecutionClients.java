package io.edvt.node.devnet;

import io.edvt.node.devnet.genesis.ExecutionGenesisBlock;
import io.edvt.node.devnet.genesis.ExecutionGenesisReader;
import io.edvt.node.execution.http.JwtSecret;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The execution clients of a devnet run on real ones ({@code --ee-endpoints}): node {@code i}'s
 * Engine API endpoint, the JWT secret they share, and their common block 0, which the devnet's
 * genesis state starts on.
 */
public record ExecutionClients(List<URI> endpoints, Path jwtSecretFile, ExecutionGenesisBlock genesis) {
  public ExecutionClients {
    endpoints = List.copyOf(endpoints);
  }

  /** Node {@code node}'s endpoint. */
  public URI endpoint(int node) {
    return endpoints.get(node);
  }

  /**
   * Reads block 0 of every endpoint (over the Engine API port, with the JWT) and checks that they
   * are one chain: one endpoint per node, every block 0 the same block.
   *
   * @throws IllegalArgumentException one line naming the flag and the problem: a count that is not
   *     {@code nodes}, an unreadable secret, an unreachable endpoint or one without a usable block 0,
   *     or two endpoints on different genesis blocks
   */
  public static ExecutionClients connect(List<URI> endpoints, Path jwtSecretFile, int nodes) {
    if (endpoints.size() != nodes) {
      throw new IllegalArgumentException("--ee-endpoints: " + endpoints.size() + " endpoint(s) for " + nodes
          + " node(s); give one per node, in node order");
    }
    if (endpoints.stream().distinct().count() != endpoints.size()) {
      throw new IllegalArgumentException("--ee-endpoints: an endpoint is named twice; each node needs its own execution client");
    }
    JwtSecret secret;
    try {
      secret = JwtSecret.read(jwtSecretFile);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ee-jwt-secret-file " + e.getMessage(), e);
    }
    List<ExecutionGenesisBlock> blocks = new ArrayList<>();
    for (URI endpoint : endpoints) {
      try {
        blocks.add(ExecutionGenesisReader.fromEndpoint(endpoint, Optional.of(secret)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--ee-endpoints " + e.getMessage(), e);
      }
    }
    ExecutionGenesisBlock first = blocks.get(0);
    for (int i = 1; i < blocks.size(); i++) {
      if (!blocks.get(i).blockHash().equals(first.blockHash())) {
        throw new IllegalArgumentException("--ee-endpoints: " + endpoints.get(i) + " has block 0 " + blocks.get(i).blockHash()
            + ", " + endpoints.get(0) + " has " + first.blockHash() + ": every execution client must start from the same "
            + "genesis (the same genesis.json)");
      }
    }
    return new ExecutionClients(endpoints, jwtSecretFile, first);
  }
}
