package io.edvt.node.config;

import java.io.PrintWriter;

/**
 * What {@code edvt beacon-node} hands its resolved configuration to. The command only parses and
 * checks; the launcher builds the node from {@code config}, runs it and says how it ended. Ready
 * for it: {@code io.edvt.node.logging.LogSetup.apply(config.logging())} (first, so everything
 * after logs as asked), {@code GenesisStateReader.read}, and
 * {@code io.edvt.node.metrics.MetricsServer.start(config.metrics(), registry)} with
 * {@code BeaconInteropMetrics} and {@code JvmMetrics} registered.
 */
@FunctionalInterface
public interface BeaconNodeLauncher {
  /**
   * Runs a beacon node with {@code config} until it stops.
   *
   * @param out where to print what the user asked for (the node's own messages go to its logs)
   * @param err where to print a failure that ends the run
   * @return the process exit code ({@code io.edvt.node.cli.ExitCodes})
   */
  int launch(BeaconNodeConfig config, PrintWriter out, PrintWriter err);
}
