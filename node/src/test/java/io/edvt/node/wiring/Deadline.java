package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

/** Waits for a condition of a running node, polling it until a deadline (never a fixed wait). */
final class Deadline {
  /** A condition that may call the node's API. */
  @FunctionalInterface
  interface Check {
    boolean test() throws Exception;
  }

  private Deadline() {}

  /** Polls {@code done} every 200 ms; fails naming {@code what} when it is still false after {@code seconds}. */
  static void await(String what, Check done, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.test()) {
      if (System.nanoTime() >= deadline) {
        fail(what + ": not within " + seconds + " s");
      }
      Thread.sleep(200); // the pause between polls
    }
  }
}
