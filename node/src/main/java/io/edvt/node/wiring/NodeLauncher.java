package io.edvt.node.wiring;

import io.edvt.node.cli.ExitCodes;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.BeaconNodeLauncher;
import io.edvt.node.logging.LogSetup;
import io.edvt.node.storage.StorageStartupException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code edvt beacon-node} runs: logging first, then the node, which runs until the process
 * is told to stop (SIGTERM, SIGINT: the JVM's shutdown hook closes the node, so the database is
 * closed cleanly; a SIGKILL leaves it to the storage's crash consistency). A start-up failure, and
 * a part's fatal error while running (a doppelganger detected), is one line on {@code err} and exit
 * code 1.
 */
public final class NodeLauncher implements BeaconNodeLauncher {
  @Override
  public int launch(BeaconNodeConfig config, PrintWriter out, PrintWriter err) {
    LogSetup.apply(config.logging());
    BeaconNode node;
    try {
      node = BeaconNode.start(config, InstantSource.system());
    } catch (StorageStartupException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("edvt beacon-node: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    node.fatalError().thenRun(stopped::countDown);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      node.close();
    }
    if (node.fatalError().isDone()) {
      err.println("edvt beacon-node: " + node.fatalError().join());
      err.flush();
      node.close();
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }
}
